-- pgbench script: the raw-database baseline of 100 events per request (see run): one
-- multi-row insert of the events unless their ids are taken, then one update of their parcels'
-- states, in one transaction.
\set n random(0, :parcels - 1)
\set id random(1, 1000000000000)
BEGIN;
INSERT INTO parcel_events (source, event_id, barcode, type, occurred_at, time_text, recorded_by, recorded_at)
  SELECT 'raw', 'raw-' || :client_id || '-' || :id || '-' || g, 'LOAD-' || lpad(((:n + g * 7) % :parcels)::text, 5, '0'), 'sorted',
         1796000000000, '2026-12-02T08:00:00+01:00', 'raw', 1796000000000
  FROM generate_series(1, 100) g
  ON CONFLICT (source, event_id) DO NOTHING RETURNING sequence;
UPDATE parcels SET status = 'sorted', status_time = 1796000000000, status_sequence = status_sequence + 1
  WHERE barcode IN (SELECT 'LOAD-' || lpad(((:n + g * 7) % :parcels)::text, 5, '0') FROM generate_series(1, 100) g)
    AND status_time <= 1796000000000;
COMMIT;
