-- Ordinary and partitioned tables of the managed namespaces, without
-- ordinary partitions (they belong to their parent), tables an extension owns
-- (PostGIS's spatial_ref_sys and the like), Prisma's history table, and
-- the PostGIS tables by name in any case, as Prisma's differ skips them.
-- $1: the namespaces.
SELECT c.oid AS oid,
       n.nspname AS namespace,
       c.relname AS name,
       c.relkind = 'p' AS partitioned
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY ($1::text[])
  AND c.relkind IN ('r', 'p')
  -- A partition that is itself partitioned is read, as Prisma reads it.
  AND NOT (c.relispartition AND c.relkind = 'r')
  AND c.relname <> '_prisma_migrations'
  AND lower(c.relname) NOT IN ('spatial_ref_sys', 'geometry_columns', 'geography_columns',
                               'raster_columns', 'raster_overviews')
  AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_class'::regclass
        AND d.objid = c.oid
        AND d.deptype = 'e')
-- Byte order, as Prisma sorts (not the database's collation).
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
