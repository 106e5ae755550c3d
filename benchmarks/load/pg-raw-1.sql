-- pgbench script: the raw-database baseline of one event per request (see run): the event
-- inserted unless its id is taken, then the parcel's state, in one transaction.
\set n random(0, :parcels - 1)
\set id random(1, 1000000000000)
BEGIN;
INSERT INTO parcel_events (source, event_id, barcode, type, occurred_at, time_text, recorded_by, recorded_at)
  VALUES ('raw', 'raw-' || :client_id || '-' || :id, 'LOAD-' || lpad(:n::text, 5, '0'), 'sorted', 1796000000000,
          '2026-12-02T08:00:00+01:00', 'raw', 1796000000000)
  ON CONFLICT (source, event_id) DO NOTHING RETURNING sequence;
UPDATE parcels SET status = 'sorted', status_time = 1796000000000, status_sequence = status_sequence + 1
  WHERE barcode = 'LOAD-' || lpad(:n::text, 5, '0') AND status_time <= 1796000000000;
COMMIT;
