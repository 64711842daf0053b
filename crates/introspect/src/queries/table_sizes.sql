-- Each table's estimated row count (as of the last VACUUM or ANALYZE; -1
-- when never counted) and its size on disk with indexes and TOAST.
SELECT n.nspname AS namespace,
       c.relname AS name,
       c.reltuples::float8 AS rows,
       pg_total_relation_size(c.oid) AS bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY($1)
