-- What plumb reads but does not manage (Prisma's differ ignores these
-- too), so that later stages can name them: views, materialized views,
-- check and exclusion constraints, triggers, functions and procedures,
-- row-level security policies, sequences, and comments on tables and
-- columns. One row per object: its kind, namespace, name, the table it
-- belongs to (if any) and its definition as PostgreSQL prints it.
-- $1: the namespaces.
SELECT kind, namespace, name, table_name, definition
FROM (
    SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END AS kind,
           n.nspname AS namespace, c.relname AS name, NULL::name AS table_name,
           pg_catalog.pg_get_viewdef(c.oid, true) AS definition
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT CASE con.contype WHEN 'c' THEN 'check constraint' ELSE 'exclusion constraint' END,
           n.nspname, con.conname, c.relname, pg_catalog.pg_get_constraintdef(con.oid, true)
    FROM pg_catalog.pg_constraint con
    JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype IN ('c', 'x') AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT 'trigger', n.nspname, t.tgname, c.relname, pg_catalog.pg_get_triggerdef(t.oid, true)
    FROM pg_catalog.pg_trigger t
    JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
           n.nspname, p.proname, NULL,
           p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = ANY ($1::text[])
      AND NOT EXISTS (
          SELECT 1 FROM pg_catalog.pg_depend d
          WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 'policy', n.nspname, pol.polname, c.relname,
           pg_catalog.pg_get_expr(pol.polqual, pol.polrelid)
    FROM pg_catalog.pg_policy pol
    JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT 'sequence', n.nspname, c.relname, NULL, NULL
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'S' AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT CASE d.objsubid WHEN 0 THEN 'table comment' ELSE 'column comment' END,
           n.nspname,
           CASE d.objsubid WHEN 0 THEN c.relname ELSE a.attname END,
           c.relname, d.description
    FROM pg_catalog.pg_description d
    JOIN pg_catalog.pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_catalog.pg_class'::regclass
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
    WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[])
) objects
ORDER BY kind COLLATE "C", namespace COLLATE "C", table_name COLLATE "C", name COLLATE "C";
