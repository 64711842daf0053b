-- Enums of the managed namespaces with their values in declaration order.
-- $1: the namespaces.
SELECT n.nspname AS namespace,
       t.typname AS name,
       e.enumlabel AS value
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = ANY ($1::text[])
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C", e.enumsortorder;
