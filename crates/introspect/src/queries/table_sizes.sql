-- Each table's estimated row count (as of the last VACUUM or ANALYZE; -1
-- when never counted) and its size on disk with indexes and TOAST. A
-- partitioned table holds nothing itself: its partitions' are summed.
SELECT n.nspname AS namespace,
       c.relname AS name,
       CASE WHEN c.relkind = 'p' THEN coalesce(
                (SELECT sum(l.reltuples)
                 FROM pg_partition_tree(c.oid) t
                 JOIN pg_class l ON l.oid = t.relid
                 WHERE t.isleaf AND l.reltuples >= 0),
                -1)
            ELSE c.reltuples
       END::float8 AS rows,
       CASE WHEN c.relkind = 'p' THEN
                (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)
                 FROM pg_partition_tree(c.oid) t
                 WHERE t.isleaf)
            ELSE pg_total_relation_size(c.oid)
       END::int8 AS bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY($1)
