#!/usr/bin/env python3
"""The customer data platform with real analytics clients.

Starts `skyport serve` on an empty SQLite database, creates a source with `skyport sources create`,
points Segment's official Python client (segment-analytics-python) at http://127.0.0.1:PORT/cdp and
sends identify, track, page and alias calls, one of them twice with the same messageId; then checks
in the database that every call was stored once, with its ids, that the profile processor merged a
second device into the customer's one profile (read through the operator API), and that a revoked key
is refused. Then RudderStack's Python SDK with its defaults (batches, gzip on) and Segment's with gzip on
send a few hundred events, among them batches of several megabytes: every event must be stored unchanged.
"""
import os
import sqlite3
import socket
import subprocess
import sys
import tempfile
import time
import json
import urllib.error
import urllib.request

import segment.analytics as analytics
from rudderstack.analytics.client import Client as RudderClient

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SKYPORT_BIN", os.path.join(ROOT, ".build/debug/skyport"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    data_dir = tempfile.mkdtemp(prefix="skyport-cdp-e2e-")
    env = dict(os.environ, SKYPORT_DATA_DIR=data_dir, SKYPORT_LOG_LEVEL="warning")
    env.pop("SKYPORT_DATABASE_URL", None)
    created = subprocess.run([BINARY, "sources", "create", "python client"], env=env, check=True, capture_output=True, text=True)
    lines = [line for line in created.stdout.splitlines() if line.strip()]
    source_id, write_key = lines[-2].split()[1], lines[-1].strip()
    operator = subprocess.run([BINARY, "operators", "create", "e2e"], env=env, check=True, capture_output=True, text=True)
    token = operator.stdout.strip().splitlines()[-1].strip()
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/health/ready", timeout=1)
                break
            except Exception:
                if server.poll() is not None:
                    raise SystemExit("skyport serve exited early")
                time.sleep(0.1)
        errors = []
        client = analytics.Client(write_key, host=base + "/cdp", sync_mode=True, on_error=lambda error, batch: errors.append(error))
        client.identify("cust-42", {"email": "ada@example.com", "name": "Ada"}, anonymous_id="anon-7")
        client.track(anonymous_id="anon-7", event="Products Searched", properties={"origin": "JFK", "destination": "LAX"},
                     message_id="search-1")
        client.track(anonymous_id="anon-7", event="Products Searched", properties={"origin": "JFK", "destination": "LAX"},
                     message_id="search-1")  # a retry: stored once
        client.page(anonymous_id="anon-7", name="Results", properties={"path": "/search"})
        client.alias("anon-7", "cust-42")
        # A second device: anonymous at first, then signed in as the same customer.
        client.track(anonymous_id="phone-1", event="Product Viewed", properties={"destination": "SFO"})
        client.identify("cust-42", {"phone": "+1 212 555 0100"}, anonymous_id="phone-1")
        client.flush()
        if errors:
            raise SystemExit(f"the client reported errors: {errors}")

        rows = sqlite3.connect(os.path.join(data_dir, "skyport.sqlite")).execute(
            "SELECT type, event, user_id, anonymous_id, source_id FROM cdp_events ORDER BY id").fetchall()
        types = [row[0] for row in rows]
        assert types == ["identify", "track", "page", "alias", "track", "identify"], f"stored: {rows}"
        assert rows[0][2] == "cust-42" and rows[0][3] == "anon-7", rows[0]
        assert rows[1][1] == "Products Searched", rows[1]
        assert all(row[4] == source_id for row in rows), rows

        profile = None
        for _ in range(100):
            request = urllib.request.Request(base + "/v1/profiles/user_id:cust-42", headers={"Authorization": f"Bearer {token}"})
            try:
                profile = json.load(urllib.request.urlopen(request, timeout=2))
            except urllib.error.HTTPError as error:
                if error.code != 404:
                    raise
            if profile and {"anonymous_id:phone-1", "phone:+12125550100"} <= {f"{i['type']}:{i['value']}" for i in profile["identifiers"]}:
                break
            time.sleep(0.1)
        identifiers = {f"{i['type']}:{i['value']}" for i in profile["identifiers"]}
        assert identifiers == {"user_id:cust-42", "anonymous_id:anon-7", "anonymous_id:phone-1", "email:ada@example.com",
                               "phone:+12125550100"}, identifiers
        assert profile["traits"]["name"]["value"] == "Ada", profile["traits"]
        profiles = sqlite3.connect(os.path.join(data_dir, "skyport.sqlite")).execute("SELECT COUNT(*) FROM cdp_profiles").fetchone()[0]
        assert profiles == 1, f"{profiles} profiles for one customer"
        request = urllib.request.Request(base + "/v1/profiles/anonymous_id:phone-1/events", headers={"Authorization": f"Bearer {token}"})
        assert len(json.load(urllib.request.urlopen(request, timeout=2))["data"]) == 6

        subprocess.run([BINARY, "sources", "revoke", source_id], env=env, check=True, capture_output=True)
        refused = []
        revoked = analytics.Client(write_key, host=base + "/cdp", sync_mode=True, max_retries=0,
                                   on_error=lambda error, batch: refused.append(error))
        try:
            revoked.track(anonymous_id="anon-7", event="After revocation")
            revoked.flush()
        except analytics.request.APIError as error:  # sync mode raises what it would otherwise report
            refused.append(error)
        assert refused and getattr(refused[0], "status", None) == 401, f"a revoked write key was not refused: {refused}"
        assert getattr(refused[0], "code", None) == "invalid_write_key", refused[0]
        print("cdp client end-to-end: passed (6 calls stored once each, a retry deduplicated, two devices merged into one profile; "
              "revoked key refused)")
        compressed_clients(env, data_dir, base)
    finally:
        server.terminate()
        server.wait(timeout=10)


def compressed_clients(env, data_dir, base):
    """RudderStack's SDK as it comes (async batches of up to 100, gzip) and Segment's with gzip=True."""
    created = subprocess.run([BINARY, "sources", "create", "sdk clients"], env=env, check=True, capture_output=True, text=True)
    write_key = [line for line in created.stdout.splitlines() if line.strip()][-1].strip()
    sent = {}
    errors = []
    rudder = RudderClient(write_key, host=base + "/cdp", on_error=lambda error, batch: errors.append(("rudderstack", error)))
    assert rudder.gzip, "RudderStack's client gzips by default"
    for index in range(150):
        # Large properties: 100 of these make one batch of about 2.5 MB before compression (Segment's limit is 500 KB).
        properties = {"origin": "JFK", "destination": "LAX", "index": index, "note": f"{index:05d}" * 5000, "price": 270.18, "ok": True}
        message_id = f"rudder-{index}"
        rudder.track(anonymous_id="rudder-device", event="Products Searched", properties=properties, message_id=message_id)
        sent[message_id] = ("track", "Products Searched", properties)
    rudder.identify("cust-77", {"email": "grace@example.com", "name": "Grace"}, anonymous_id="rudder-device", message_id="rudder-identify")
    sent["rudder-identify"] = ("identify", None, None)
    rudder.flush()

    segment = analytics.Client(write_key, host=base + "/cdp", gzip=True, on_error=lambda error, batch: errors.append(("segment", error)))
    for index in range(120):
        properties = {"destination": "SFO", "index": index, "tags": ["a", "b"], "nested": {"depth": 2, "unicode": "서울 ✈"}}
        message_id = f"segment-{index}"
        segment.track(anonymous_id="segment-device", event="Product Viewed", properties=properties, message_id=message_id)
        sent[message_id] = ("track", "Product Viewed", properties)
    segment.page(anonymous_id="segment-device", name="Home", properties={"path": "/"}, message_id="segment-page")
    sent["segment-page"] = ("page", None, None)
    segment.flush()
    assert not errors, f"the clients reported errors: {errors}"

    database = sqlite3.connect(os.path.join(data_dir, "skyport.sqlite"))
    rows = {row[0]: row[1:] for row in database.execute(
        "SELECT message_id, type, event, payload FROM cdp_events WHERE message_id LIKE 'rudder-%' OR message_id LIKE 'segment-%'")}
    assert set(rows) == set(sent), f"missing: {sorted(set(sent) - set(rows))[:5]}, unexpected: {sorted(set(rows) - set(sent))[:5]}"
    for message_id, (kind, event, properties) in sent.items():
        stored_kind, stored_event, payload = rows[message_id]
        assert stored_kind == kind and stored_event == event, (message_id, stored_kind, stored_event)
        if properties is not None:
            assert json.loads(payload)["properties"] == properties, f"{message_id} changed on the way"
    print(f"cdp client end-to-end: RudderStack (default gzip, batches up to about 2.5 MB) and Segment (gzip) delivered "
          f"{len(sent)} events, each stored once and unchanged")


if __name__ == "__main__":
    sys.exit(main())
