-- Columns of the tables of tables.sql, in their order in each table. The
-- type comes as its catalog name and modifier (for an array, its
-- element's; a domain as its base type, with the domain's modifier and
-- NOT NULL, as Prisma reads domains), its
-- namespace and kind (b: base, e: enum, …), and its own catalog name
-- (`_int4` for an array), which names types Prisma does not know.
-- $1: the namespaces.
SELECT c.oid AS table_oid,
       a.attname AS name,
       a.attnotnull OR (declared.typtype = 'd' AND declared.typnotnull) AS not_null,
       t.typcategory = 'A' AS is_array,
       t.typname AS udt_name,
       coalesce(element.typname, t.typname) AS type_name,
       coalesce(element_namespace.nspname, type_namespace.nspname) AS type_namespace,
       coalesce(element.typtype, t.typtype)::text AS type_kind,
       CASE WHEN declared.typtype = 'd' THEN declared.typtypmod ELSE a.atttypmod END AS type_modifier,
       -- Without the table (0) unless the default is a generated column's
       -- expression, which names columns: opening every table costs more.
       pg_catalog.pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END) AS default_expression,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type declared ON declared.oid = a.atttypid
-- A domain reads as its base type.
JOIN pg_catalog.pg_type t
  ON t.oid = CASE WHEN declared.typtype = 'd' THEN declared.typbasetype ELSE declared.oid END
JOIN pg_catalog.pg_namespace type_namespace ON type_namespace.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type element ON element.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_catalog.pg_namespace element_namespace ON element_namespace.oid = element.typnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = ANY ($1::text[])
  AND c.relkind IN ('r', 'p')
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY c.oid, a.attnum;
