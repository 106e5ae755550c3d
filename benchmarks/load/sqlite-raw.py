#!/usr/bin/env python3
"""The raw-database baseline for the event-intake benchmark on SQLite: the insert shape of
Samlast's intake (events into parcel_events, ON CONFLICT DO NOTHING, then the parcels' state),
written straight to a copy of the benchmark's database file in WAL mode with full sync, one
writer (SQLite has one at a time), one transaction per request of BATCH events.

  sqlite-raw.py DATABASE SECONDS BATCH PARCELS   ->   rows/s, p50 and p99 commit latency (ms)
"""
import sqlite3, sys, time

path, seconds, batch, parcels = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
insert = ("INSERT INTO parcel_events (source, event_id, barcode, type, occurred_at, time_text, recorded_by, recorded_at) "
          "VALUES (?, ?, ?, 'sorted', ?, '2026-12-02T08:00:00+01:00', 'raw', ?) ON CONFLICT (source, event_id) DO NOTHING RETURNING sequence")
move = "UPDATE parcels SET status = 'sorted', status_time = ?, status_sequence = status_sequence + 1 WHERE barcode = ? AND status_time <= ?"
latencies, rows, counter = [], 0, 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    start = time.monotonic()
    now = int(time.time() * 1000)
    db.execute("BEGIN IMMEDIATE")
    barcodes = []
    for _ in range(batch):
        counter += 1
        barcode = "LOAD-%05d" % (counter * 7 % parcels)
        db.execute(insert, ("raw", "raw-%d" % counter, barcode, now, now)).fetchall()
        barcodes.append(barcode)
    for barcode in sorted(set(barcodes)):
        db.execute(move, (now, barcode, now))
    db.execute("COMMIT")
    latencies.append(time.monotonic() - start)
    rows += batch
took = seconds
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print("rows/s %.0f p50 %.2f p99 %.2f" % (rows / took, p(0.5), p(0.99)))
