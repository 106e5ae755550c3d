-- Bulk data for benchmarks/reads/run, in SQL both databases accept. The run script replaces
-- :parcels, :events and :t0 (epoch ms of the first day) before running it. 20 carriers
-- (carrier-100 … carrier-119) share hub-a and site-1; a shipment is 100 parcels of one
-- carrier; each parcel has events/parcels events a minute apart; parcel times spread over 100
-- days. Numbers are offset so that ids have one width and sort as they were made.
WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < :parcels / 100)
INSERT INTO shipments (id, owner_id, reference, carrier_id, shipper_id, hub_id, site_id, recipient_id, delivery_date, content_hash, created_at)
SELECT 'shp-' || (1000000 + i), 'carrier-' || (100 + i % 20), 'REF-' || i, 'carrier-' || (100 + i % 20),
       NULL, 'hub-a', 'site-1', 'school', NULL, 'bulk', :t0 FROM g;

WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < :parcels)
INSERT INTO parcels (barcode, shipment_id, carrier_id, shipper_id, recipient_id, site_id, hub_id, weight_kg, length_cm, width_cm, height_cm,
                     pallet, temperature, status, status_time, status_sequence, route_id)
SELECT 'BIG-' || (10000000 + i), 'shp-' || (1000000 + i / 100), 'carrier-' || (100 + (i / 100) % 20), NULL, 'school',
       'site-1', 'hub-a', 2, NULL, NULL, NULL, 0, 'ambient', 'delivered', :t0 + i * (8640000000 / :parcels) + 540000, 10, NULL FROM g;

WITH RECURSIVE g(e) AS (SELECT 0 UNION ALL SELECT e + 1 FROM g WHERE e + 1 < :events)
INSERT INTO parcel_events (source, event_id, barcode, type, occurred_at, time_text, route_id, receiver_name, photo_reference, reason,
                           recorded_by, recorded_at, hub_id)
SELECT 'hubco', 'bulk-' || (1000000000 + e), 'BIG-' || (10000000 + e / (:events / :parcels)),
       CASE e % (:events / :parcels) WHEN 0 THEN 'announced' WHEN 1 THEN 'arrived-at-hub' WHEN 2 THEN 'sorted' WHEN 3 THEN 'loaded'
            WHEN 4 THEN 'out-for-delivery' WHEN 5 THEN 'failed' WHEN 6 THEN 'sorted' WHEN 7 THEN 'loaded' WHEN 8 THEN 'out-for-delivery'
            ELSE 'delivered' END,
       :t0 + (e / (:events / :parcels)) * (8640000000 / :parcels) + (e % (:events / :parcels)) * 60000, '2026-01-01T00:00:00Z', NULL,
       CASE WHEN e % (:events / :parcels) = 9 THEN 'Reception' END, NULL, CASE WHEN e % (:events / :parcels) = 5 THEN 'closed' END,
       'acc-hubco', :t0, 'hub-a' FROM g;
