-- At most one active (open or acknowledged) incident per alert group, kept by the database itself,
-- so that several instances consuming different partitions of alerts cannot both open one.
-- open_group_key is the incident's group key while it is active and null once it is resolved; null
-- keys never collide in a unique index (PostgreSQL and H2), so resolved incidents are not limited.
-- (A partial unique index would say the same, but H2 has none; a generated column works on both.
-- PostgreSQL wants STORED on it and H2 refuses the word: Migrations sets ${generated_storage}.)

-- A database written by two instances before this version can hold two active incidents of one
-- group. The newest keeps the group (grouping already picked the newest); the older ones leave it,
-- keep their data and still follow their own alerts, which are found by fingerprint.
UPDATE incident SET group_key = NULL
WHERE status <> 'resolved'
  AND group_key IS NOT NULL
  AND id NOT IN (
    SELECT MAX(id) FROM incident
    WHERE status <> 'resolved' AND group_key IS NOT NULL
    GROUP BY group_key);

ALTER TABLE incident ADD COLUMN open_group_key VARCHAR(64)
  GENERATED ALWAYS AS (CASE WHEN status <> 'resolved' THEN group_key END) ${generated_storage};
CREATE UNIQUE INDEX incident_open_group_idx ON incident (open_group_key);
