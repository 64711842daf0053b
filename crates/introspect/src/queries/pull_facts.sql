-- What `db pull` notes about tables that the schema IR does not hold:
-- partitioned tables, parents of inheritance, row-level security, comments
-- on enums, deferrable keys, expression indexes and index columns with a
-- non-default NULLS order. One row per fact: its kind, the namespace and
-- table (or enum) it is about, and the constraint, index and column names
-- where it has them.
-- $1: the namespaces.
SELECT kind, namespace, table_name, name, column_name, constraint_type
FROM (
    SELECT 'partitioned' AS kind, n.nspname AS namespace, c.relname AS table_name,
           NULL::name AS name, NULL::name AS column_name, NULL::text AS constraint_type
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'p' AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT DISTINCT 'inherited', n.nspname, c.relname, NULL, NULL, NULL
    FROM pg_catalog.pg_inherits i
    JOIN pg_catalog.pg_class c ON c.oid = i.inhparent
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT 'row level security', n.nspname, c.relname, NULL, NULL, NULL
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT 'enum comment', n.nspname, t.typname, NULL, NULL, NULL
    FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_catalog.pg_description d
      ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
    WHERE t.typtype = 'e' AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT 'deferrable', n.nspname, c.relname, con.conname, NULL, con.contype::text
    FROM pg_catalog.pg_constraint con
    JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE con.condeferrable AND con.contype IN ('p', 'u', 'f') AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT 'expression index', n.nspname, t.relname, i.relname, NULL, NULL
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    WHERE x.indexprs IS NOT NULL AND n.nspname = ANY ($1::text[])
    UNION ALL
    -- indoption: bit 1 DESC, bit 2 NULLS FIRST; the default is NULLS LAST
    -- ascending and NULLS FIRST descending.
    SELECT 'null order', n.nspname, t.relname, i.relname, a.attname, k.position::text
    -- Only indexes with such a column (an option of 1 or 2) are unnested.
    FROM (SELECT * FROM pg_catalog.pg_index
          WHERE indexprs IS NULL AND indoption::text ~ '[12]') x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indoption::int2[])
        WITH ORDINALITY AS k(attnum, option, position)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    WHERE n.nspname = ANY ($1::text[])
      AND ((k.option & 1) = 0) <> ((k.option & 2) = 0)
) facts
ORDER BY kind, namespace, table_name, name, constraint_type;
