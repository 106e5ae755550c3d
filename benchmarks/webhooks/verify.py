#!/usr/bin/env python3
"""Checks every captured webhook message the way a receiver should (Standard Webhooks v1):
HMAC-SHA256 with the subscription's secret over "<webhook-id>.<webhook-timestamp>.<body>",
base64, compared with each "v1,<signature>" in the webhook-signature header.
   verify.py CAPTURE.jsonl SECRETS.json   (secrets: {"<path>": "whsec_..."})
Prints how many verified and exits 1 if any did not."""
import base64, hashlib, hmac, json, sys

def verified(secret, message):
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message['id']}.{message['timestamp']}.{message['body']}".encode()
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [s.split(",", 1)[1] for s in message["signature"].split() if s.startswith("v1,")]
    return any(hmac.compare_digest(expected, s) for s in offered)

secrets = json.load(open(sys.argv[2]))
messages = [json.loads(line) for line in open(sys.argv[1])]
bad = [m["id"] for m in messages if not verified(secrets[m["path"]], m)]
print(f"signatures: {len(messages) - len(bad)} of {len(messages)} requests verified")
sys.exit(1 if bad else 0)
