#!/usr/bin/env python3
"""Skyport's modules split over two processes on one PostgreSQL database, as two Kubernetes deployments run them.

Process A serves `web,booking,cdp`; process B serves `predictions,operations,ops-center`. Each answers only its
own modules' routes. A customer buys a ticket on A; an operator cancels the flight on B; B's notification
worker tells the passenger by webhook (a receiver on loopback) and in the booking's inbox, which A's web site
shows; B's command center sees both instances and A's requests, which reached it through the database only.
Needs SKYPORT_TEST_POSTGRES_URL (a server where it may create a database).
"""
import datetime
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from e2e_server import BINARY, DATA_CACHE, ROOT, free_port, postgres_database


def call(method, url, body=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:
            raw = answer.read()
            return answer.status, json.loads(raw) if raw.startswith(b"{") else raw.decode()
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw.startswith(b"{") else raw.decode()


class Receiver(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        Receiver.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


def wait_ready(base, process, name):
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/health/live", timeout=1)
            return
        except Exception:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited early")
            time.sleep(0.1)
    raise SystemExit(f"{name} did not start")


def main():
    server_url = os.environ.get("SKYPORT_TEST_POSTGRES_URL")
    if not server_url:
        print("split services end-to-end: skipped (SKYPORT_TEST_POSTGRES_URL is not set)")
        return 0
    with postgres_database(server_url, "skyport_split") as url:
        return split(url)


def split(url):
    work = tempfile.mkdtemp(prefix="skyport-split-")
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    processes = []
    try:
        os.makedirs(DATA_CACHE, exist_ok=True)
        subprocess.run([BINARY, "data", "fetch", "--data-dir", DATA_CACHE], check=True)
        env = dict(os.environ, SKYPORT_DATABASE_URL=url, SKYPORT_DATA_DIR=DATA_CACHE, SKYPORT_LOG_LEVEL="warning",
                   SKYPORT_SECRET_KEY="split-services-test-secret-key-0123456789",
                   SKYPORT_WEBHOOK_ALLOWED_ADDRESSES="127.0.0.1")
        subprocess.run([BINARY, "migrate"], check=True, env=env, cwd=ROOT)
        subprocess.run([BINARY, "data", "import", "--weeks", "1"], check=True, env=env, cwd=ROOT)
        token = subprocess.run([BINARY, "operators", "create", "split"], check=True, env=env, capture_output=True, text=True, cwd=ROOT).stdout.split()[-1]
        operator = {"Authorization": f"Bearer {token}"}
        bases = {}
        for name, services in [("a", "web,booking,cdp"), ("b", "predictions,operations,ops-center")]:
            port = free_port()
            process = subprocess.Popen([BINARY, "serve", "--port", str(port), "--services", services], env=env, cwd=ROOT)
            processes.append(process)
            bases[name] = f"http://127.0.0.1:{port}"
            wait_ready(bases[name], process, f"process {name} ({services})")
        a, b = bases["a"], bases["b"]

        # Each process answers its own modules only.
        assert call("POST", a + "/v1/flights/x/cancellation", {})[0] == 404, "operations is not served by A"
        assert call("POST", b + "/v1/offer-requests", {})[0] == 404, "booking is not served by B"
        assert call("GET", b + "/")[0] == 404, "the web site is not served by B"
        assert call("GET", a + "/ops")[0] == 404, "the command center is not served by A"
        status, ready = call("GET", a + "/health/ready")
        assert status == 200 and set(ready["modules"]) == {"web", "booking", "cdp"}, ready
        status, ready = call("GET", b + "/health/ready")
        assert status == 200 and set(ready["modules"]) == {"predictions", "operations", "ops-center"}, ready

        # B tells partners by webhook.
        status, endpoint = call("POST", b + "/v1/webhook-endpoints", {"url": f"http://127.0.0.1:{receiver.server_port}/hook", "description": "split test"},
                                operator)
        assert status == 201, endpoint

        # A customer buys on A.
        day = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
        status, offers = call("POST", a + "/v1/offer-requests", {"slices": [{"origin": "JFK", "destination": "LAX", "departure_date": day}],
                                                                 "passengers": [{"type": "adult"}], "cabin_class": "economy"})
        assert status == 201 and offers["offers"], offers
        offer = offers["offers"][0]
        status, order = call("POST", a + "/v1/orders", {
            "offer_id": offer["id"], "passengers": [{"type": "adult", "given_name": "Split", "family_name": "Process"}],
            "contact": {"email": "split@example.com", "phone_number": "+12125550123"},
            "payment": {"card": {"number": "4242424242424242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123", "holder_name": "Split"}}},
            {"Idempotency-Key": f"split-{os.getpid()}"})
        assert status == 201, order
        flight = subprocess.run(["psql", url, "-tAc", f"SELECT flight_id FROM order_segments WHERE order_id = '{order['id']}'"],
                                check=True, capture_output=True, text=True).stdout.strip()
        print(f"  split: order {order['booking_reference'] if 'booking_reference' in order else order['id']} bought on A, flight {flight}")

        # An operator cancels the flight on B; B's worker tells the passenger.
        status, cancelled = call("POST", b + f"/v1/flights/{flight}/cancellation", {"reason": "split-process test"}, operator)
        assert status in (200, 201), cancelled
        deadline = time.time() + 60
        def received(kind):
            return any(event.get("type") == kind and event.get("data", {}).get("order_id") == order["id"] for event in Receiver.received)
        while not received("order.disruption_notified"):
            assert time.time() < deadline, f"no webhook for the order; received {Receiver.received}"
            time.sleep(0.2)
        print("  split: B's notification reached the partner's webhook")
        # The order's own events reach the same endpoint from B, read from the outbox A wrote.
        while not received("order.created"):
            assert time.time() < deadline, f"no order.created webhook; received {Receiver.received}"
            time.sleep(0.2)
        print("  split: the order.created event A wrote reached the partner's webhook from B")

        # A's web site shows the message in the booking's inbox (through the database, not B's memory).
        rows = subprocess.run(["psql", url, "-tAc", f"SELECT COUNT(*) FROM notifications WHERE order_id = '{order['id']}' AND status = 'prepared'"],
                              check=True, capture_output=True, text=True).stdout.strip()
        assert rows == "1", f"one prepared message for the booking, not {rows}"

        # B's command center knows both instances and A's traffic.
        deadline = time.time() + 40
        while True:
            _, instances = call("GET", b + "/v1/ops/instances", headers=operator)
            live = [instance for instance in instances["instances"] if instance["live"]]
            served = sorted(module for instance in live for module in instance["services"])
            if served == sorted(["web", "booking", "cdp", "predictions", "operations", "ops-center"]):
                break
            assert time.time() < deadline, instances
            time.sleep(1)
        # A writes its request figures every 10 seconds.
        while True:
            _, slos = call("GET", b + "/v1/ops/slos", headers=operator)
            orders = next(report for report in slos["objectives"] if report["name"] == "order-availability")
            if orders["requests"] >= 1:
                break
            assert time.time() < deadline + 30, orders
            time.sleep(1)
        print(f"  split: B's command center sees {len(live)} live instances and A's {orders['requests']} order request(s)")
        print("split services end-to-end: passed")
        return 0
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)
        receiver.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
