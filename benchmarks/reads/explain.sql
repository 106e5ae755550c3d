-- The read paths' queries as the Store sends them (benchmarks/reads/run fills in :carrier,
-- :barcode, :time, :start and :end), for their plans.
SELECT COUNT(*) AS n FROM parcels p WHERE p.carrier_id = ':carrier';
SELECT p.*, s.name AS site_name, h.time_zone, rs.eta FROM parcels p JOIN hubs h ON h.id = p.hub_id JOIN sites s ON s.id = p.site_id
  LEFT JOIN stop_parcels sp ON sp.route_id = p.route_id AND sp.barcode = p.barcode
  LEFT JOIN route_stops rs ON rs.route_id = sp.route_id AND rs.stop_index = sp.stop_index
  WHERE p.carrier_id = ':carrier' ORDER BY p.status_time DESC, p.barcode LIMIT 51 OFFSET 0;
SELECT p.*, s.name AS site_name, h.time_zone, rs.eta FROM parcels p JOIN hubs h ON h.id = p.hub_id JOIN sites s ON s.id = p.site_id
  LEFT JOIN stop_parcels sp ON sp.route_id = p.route_id AND sp.barcode = p.barcode
  LEFT JOIN route_stops rs ON rs.route_id = sp.route_id AND rs.stop_index = sp.stop_index
  WHERE p.carrier_id = ':carrier' AND p.status_time <= :time AND (p.status_time < :time OR p.barcode > ':barcode')
  ORDER BY p.status_time DESC, p.barcode LIMIT 51;
SELECT source, event_id, barcode, type, occurred_at, time_text, route_id, receiver_name, photo_reference, reason, recorded_by
  FROM parcel_events WHERE barcode = ':barcode' ORDER BY occurred_at, sequence;
SELECT COUNT(DISTINCT e.barcode) AS n FROM parcel_events e
  WHERE e.hub_id = 'hub-a' AND e.type = 'delivered' AND e.occurred_at >= :start AND e.occurred_at < :end;
SELECT COUNT(DISTINCT (SELECT p.carrier_id FROM parcels p WHERE p.barcode = e.barcode)) AS n FROM parcel_events e
  WHERE e.hub_id = 'hub-a' AND e.type = 'announced' AND e.occurred_at >= :start AND e.occurred_at < :end;
