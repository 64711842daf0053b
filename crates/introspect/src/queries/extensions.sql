-- Installed extensions, wherever they live (Prisma's postgresqlExtensions
-- compares them by name, schema and version).
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
ORDER BY e.extname COLLATE "C";
