-- Indexes of the managed tables (primary keys included), one row per
-- indexed column in key order. A column that is an expression has no
-- name (Prisma leaves such indexes out). indoption bit 1 is DESC, bit 2 NULLS
-- FIRST (which Prisma ignores). INCLUDE columns come last, as Prisma
-- reads them: as ordinary key columns. $1: the namespaces.
SELECT i.indrelid AS table_oid,
       index_class.relname AS name,
       i.indisunique AS is_unique,
       i.indisprimary AS is_primary,
       am.amname AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
       k.position::int4 AS position,
       a.attname AS column_name,
       coalesce((i.indoption[k.position - 1] & 1) = 1, false) AS descending,
       opclass.opcname AS operator_class,
       coalesce(opclass.opcdefault, false) AS default_operator_class
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class table_class ON table_class.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = table_class.relnamespace
JOIN pg_catalog.pg_class index_class ON index_class.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = index_class.relam
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
LEFT JOIN pg_catalog.pg_opclass opclass ON opclass.oid = i.indclass[k.position - 1]
WHERE n.nspname = ANY ($1::text[])
  AND table_class.relkind IN ('r', 'p')
  -- An exclusion constraint's index is the constraint's, which Prisma
  -- does not model.
  AND i.indexrelid NOT IN (
      SELECT con.conindid FROM pg_catalog.pg_constraint con WHERE con.contype = 'x')
ORDER BY i.indrelid, index_class.relname COLLATE "C", k.position;
