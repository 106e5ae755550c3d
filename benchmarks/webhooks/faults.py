#!/usr/bin/env python3
"""Webhooks under faults: a receiver that answers 500 to 30 % of requests and is down for a
minute, a server killed with SIGKILL while it posts events and again while it delivers; then
checks that every message was delivered at least once, in order per parcel, and signed.

   faults.py SAMLAST_BINARY [--database-url postgres://…] [--parcels-per-carrier 1112]

Three carriers subscribe to every event type; each parcel gets three events (announced,
arrived-at-hub, sorted), so 1,112 parcels per carrier make 10,008 messages. The receiver
writes every request it gets to capture.jsonl; verify.py checks the signatures from it."""
import argparse, json, os, random, re, signal, socket, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CARRIERS = ["carrier-a", "carrier-b", "carrier-c"]
ORDER = ["parcel.announced", "parcel.arrived-at-hub", "parcel.sorted"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """An HTTP receiver at /hook/<carrier> that fails a random 30 % and can go down."""

    def __init__(self, capture_path, failure_rate=0.3):
        self.port, self.failure_rate, self.lock = free_port(), failure_rate, threading.Lock()
        self.capture = open(capture_path, "w")
        self.random = random.Random(14083)
        self.accepted = {}  # webhook-id -> (path, payload)
        self.first_accepted = []  # webhook-ids in the order of their first 2xx answer
        self.requests = self.refused = 0
        self.server = None
        self.start()

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                with receiver.lock:
                    fail = receiver.random.random() < receiver.failure_rate
                    message = {"path": self.path, "id": self.headers.get("webhook-id", ""), "body": body,
                               "timestamp": self.headers.get("webhook-timestamp", ""),
                               "signature": self.headers.get("webhook-signature", ""), "status": 500 if fail else 204}
                    receiver.capture.write(json.dumps(message) + "\n")
                    receiver.requests += 1
                    if fail:
                        receiver.refused += 1
                    elif message["id"] not in receiver.accepted:
                        receiver.accepted[message["id"]] = (self.path, json.loads(body))
                        receiver.first_accepted.append(message["id"])
                self.send_response(message["status"])
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *arguments):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down_for(self, seconds):
        """Closes the listening socket (connections refused), then listens again."""
        self.server.shutdown()
        self.server.server_close()
        time.sleep(seconds)
        self.start()

    def delivered(self):
        with self.lock:
            return len(self.accepted)


class Server:
    """`samlast serve` on one database, started again after a SIGKILL."""

    def __init__(self, binary, work, database_url):
        self.binary, self.work, self.database_url = binary, work, database_url
        self.port, self.process, self.starts = free_port(), None, 0

    def start(self):
        self.starts += 1
        log = open(os.path.join(self.work, f"server-{self.starts}.log"), "w")
        arguments = [self.binary, "serve", "--port", str(self.port), "--log-level", "notice", "--allow-private-webhook-targets",
                     "--no-planning-worker"]
        arguments += ["--database-url", self.database_url] if self.database_url else ["--data-directory", os.path.join(self.work, "data")]
        self.process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        sys.exit(f"the server did not start; see {log.name}")

    def admin_token(self):
        text = open(os.path.join(self.work, "server-1.log")).read()
        match = re.search(r"store it safely\): (slt_[A-Za-z0-9_-]+)", text)
        return match.group(1) if match else sys.exit("no admin token in the first server log")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def call(server, method, path, token, body=None, retry=False):
    """One API call; with `retry`, connection failures (a killed server) are retried until it answers."""
    data = json.dumps(body).encode() if body is not None else None
    while True:
        request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", data=data, method=method,
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            sys.exit(f"{method} {path}: {error.code} {error.read().decode()[:500]}")
        except OSError:
            if not retry:
                raise
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("samlast")
    parser.add_argument("--database-url")
    parser.add_argument("--parcels-per-carrier", type=int, default=1112)
    parser.add_argument("--deadline-minutes", type=float, default=30)
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="samlast-webhooks.")
    receiver = Receiver(os.path.join(work, "capture.jsonl"))
    server = Server(options.samlast, work, options.database_url)
    server.start()
    admin = server.admin_token()

    tokens, secrets = {}, {}
    for organisation, kind in [("hubco", "hub-operator"), ("school", "recipient")] + [(c, "carrier") for c in CARRIERS]:
        call(server, "POST", "/v1/organisations", admin, {"id": organisation, "name": organisation, "kind": kind})
        call(server, "POST", "/v1/accounts", admin, {"id": f"acc-{organisation}", "organisationId": organisation, "name": organisation, "role": "writer"})
        tokens[organisation] = call(server, "POST", "/v1/tokens", admin, {"accountId": f"acc-{organisation}", "name": "faults"})["token"]
    call(server, "POST", "/v1/hubs", admin, {"id": "hub-a", "name": "Hub A", "operatorId": "hubco", "location": [10.6285, 59.9072],
                                             "timeZone": "Europe/Oslo", "opens": "06:00", "closes": "20:00"})
    call(server, "POST", "/v1/sites", tokens["school"], {"id": "site-1", "name": "School", "address": "Street 1", "location": [10.61281, 59.89842],
                                                         "timeWindows": {"mon": [["07:00", "16:00"]]}})
    for carrier in CARRIERS:
        path = f"/hook/{carrier}"
        answer = call(server, "POST", "/v1/webhooks", tokens[carrier], {"url": f"http://127.0.0.1:{receiver.port}{path}", "eventTypes": ORDER})
        secrets[path] = answer["secret"]
    json.dump(secrets, open(os.path.join(work, "secrets.json"), "w"))

    started = time.monotonic()
    barcodes = {c: [f"{c[-1].upper()}-{i:05d}" for i in range(options.parcels_per_carrier)] for c in CARRIERS}
    for carrier in CARRIERS:
        for first in range(0, options.parcels_per_carrier, 100):
            parcels = [{"barcode": b, "weightKg": 2} for b in barcodes[carrier][first:first + 100]]
            call(server, "POST", "/v1/shipments", tokens[carrier], {"reference": f"{carrier}-{first}", "hubId": "hub-a", "siteId": "site-1",
                                                                    "parcels": parcels})
    every = [b for c in CARRIERS for b in barcodes[c]]
    expected = 3 * len(every)
    print(f"{expected} messages to deliver ({len(every)} parcels of {len(CARRIERS)} carriers, 3 events each)", flush=True)

    # Events in batches of 100; the server is killed while they are posted, and each batch is
    # sent again until acknowledged (the same event ids: a retry is safe).
    killer = threading.Timer(1.0, lambda: (server.kill(), print("SIGKILL during intake", flush=True), server.start()))
    killer.start()
    for kind, hours_ago in [("arrived-at-hub", 2), ("sorted", 1)]:
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - hours_ago * 3600))
        for first in range(0, len(every), 100):
            events = [{"eventId": f"{kind}-{b}", "barcode": b, "type": kind, "time": when} for b in every[first:first + 100]]
            answer = call(server, "POST", "/v1/events/batch", tokens["hubco"], {"events": events}, retry=True)
            rejected = [r for r in answer["results"] if r["outcome"] == "rejected"]
            if rejected:
                sys.exit(f"events rejected: {rejected[:3]}")
    killer.join()
    print(f"events posted and acknowledged after {time.monotonic() - started:.1f} s", flush=True)

    # The receiver goes down once 15 % are in; the server is killed at half, after the outage.
    outage = threading.Thread(target=receiver.down_for, args=(60,))
    killed = False
    deadline = started + options.deadline_minutes * 60
    while receiver.delivered() < expected and time.monotonic() < deadline:
        delivered = receiver.delivered()
        if delivered >= expected * 0.15 and outage.ident is None:
            print(f"receiver down for 60 s at {delivered} delivered", flush=True)
            outage.start()
        if delivered >= expected * 0.5 and outage.ident is not None and not outage.is_alive() and not killed:
            print(f"SIGKILL during delivery at {delivered} delivered", flush=True)
            server.kill()
            killed = True
            server.start()
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    metrics = urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{server.port}/metrics",
                                                            headers={"Authorization": f"Bearer {admin}"})).read().decode()
    server.process.send_signal(signal.SIGTERM)
    server.process.wait()
    receiver.capture.flush()

    # At least once: every event of every parcel, to the carrier that owns it.
    got = {(path, payload["data"]["barcode"], payload["type"]) for path, payload in receiver.accepted.values()}
    want = {(f"/hook/{c}", b, t) for c in CARRIERS for b in barcodes[c] for t in ORDER}
    missing, foreign = want - got, got - want
    # Order per parcel: the first accepted copies of one parcel's messages came in event order.
    sequence = {}
    for message_id in receiver.first_accepted:
        path, payload = receiver.accepted[message_id]
        sequence.setdefault((path, payload["data"]["barcode"]), []).append(payload["type"])
    out_of_order = [key for key, types in sequence.items() if types != ORDER[:len(types)]]
    copies = receiver.requests - receiver.refused
    print(f"delivered {len(receiver.accepted)} of {expected} distinct messages in {elapsed:.0f} s; missing {len(missing)}, "
          f"to the wrong receiver {len(foreign)}")
    print(f"requests {receiver.requests}: {receiver.refused} answered 500, {copies} accepted, {copies - len(receiver.accepted)} duplicate copies "
          f"(at least once: sent again after the SIGKILL)")
    print(f"per-parcel order kept for {len(sequence) - len(out_of_order)} of {len(sequence)} parcel streams")
    for line in metrics.splitlines():
        if line.startswith("samlast_webhook"):
            print("  " + line)
    verified = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "verify.py"), os.path.join(work, "capture.jsonl"),
                               os.path.join(work, "secrets.json")])
    print(f"capture and server logs in {work}")
    sys.exit(0 if not missing and not foreign and not out_of_order and verified.returncode == 0 else 1)


if __name__ == "__main__":
    main()
