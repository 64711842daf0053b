-- Foreign keys of the managed tables, one row per column pair in key
-- order. Actions are pg_constraint's letters (a: no action, r: restrict,
-- c: cascade, n: set null, d: set default). $1: the namespaces.
SELECT con.conrelid AS table_oid,
       con.conname AS name,
       referenced_namespace.nspname AS referenced_namespace,
       referenced.relname AS referenced_table,
       k.position::int4 AS position,
       a.attname AS column_name,
       referenced_column.attname AS referenced_column,
       con.confdeltype::text AS on_delete,
       con.confupdtype::text AS on_update,
       con.condeferrable AS deferrable,
       con.condeferred AS deferred
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class referenced ON referenced.oid = con.confrelid
JOIN pg_catalog.pg_namespace referenced_namespace ON referenced_namespace.oid = referenced.relnamespace
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, referenced_attnum, position)
JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
JOIN pg_catalog.pg_attribute referenced_column ON referenced_column.attrelid = con.confrelid AND referenced_column.attnum = k.referenced_attnum
WHERE con.contype = 'f'
  AND n.nspname = ANY ($1::text[])
-- By table (namespace, name), then name, in byte order: Prisma's order.
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", con.conname COLLATE "C", k.position;
