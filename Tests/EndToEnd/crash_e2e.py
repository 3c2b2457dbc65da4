#!/usr/bin/env python3
"""Crash safety: `skyport serve` is killed with SIGKILL three times while clients buy tickets and send events.

On SQLite, and on PostgreSQL when SKYPORT_TEST_POSTGRES_URL is set. Four clients buy tickets (search, then an
order with an Idempotency-Key) and two send batches of 25 events, while the server is killed without warning
every few seconds and started again. After the last restart every order the server acknowledged (201) must be
there with its passengers and tickets, every event acknowledged (200) must be stored once, and the seats sold on
every flight must equal the seats of the live orders: nothing acknowledged is lost, nothing is sold twice.
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

import e2e_server

KILLS = 3
LOAD_SECONDS = 4.0
ROUTES = [("JFK", "LAX"), ("JFK", "SFO"), ("LGA", "ORD"), ("EWR", "MIA"), ("JFK", "BOS"), ("LGA", "ATL")]


def call(method, url, body=None, headers=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, None


class Load:
    """Clients that keep buying and sending until told to stop; they record only what the server acknowledged."""

    def __init__(self, write_key):
        self.base = None
        self.write_key = write_key
        self.orders = {}      # order id -> (booking reference, passengers)
        self.events = set()   # message ids acknowledged
        self.lock = threading.Lock()
        self.running = threading.Event()
        self.counter = 0

    def next_number(self):
        with self.lock:
            self.counter += 1
            return self.counter

    def buyer(self, seed):
        rng = random.Random(seed)
        while self.running.is_set():
            try:
                origin, destination = rng.choice(ROUTES)
                day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 86400 * rng.randint(2, 10)))
                passengers = rng.choice([1, 1, 2])
                status, offers = call("POST", self.base + "/v1/offer-requests", {
                    "slices": [{"origin": origin, "destination": destination, "departure_date": day}],
                    "passengers": [{"type": "adult"}] * passengers, "cabin_class": "economy"})
                if status != 201 or not offers["offers"]:
                    continue
                number = self.next_number()
                status, order = call("POST", self.base + "/v1/orders", {
                    "offer_id": offers["offers"][0]["id"],
                    "passengers": [{"type": "adult", "given_name": "Crash", "family_name": f"Tester{chr(65 + i)}"} for i in range(passengers)],
                    "contact": {"email": f"crash{number}@example.com", "phone_number": "+12125550123"},
                    "payment": {"card": {"number": "4242424242424242", "expiry_month": 12, "expiry_year": 2031, "cvc": "123",
                                         "holder_name": "Crash Tester"}}}, {"Idempotency-Key": f"crash-{seed}-{number}"})
                if status == 201:
                    with self.lock:
                        self.orders[order["id"]] = (order["booking_reference"], passengers)
            except (OSError, ValueError):
                time.sleep(0.05)  # the server is down: try again when it is back

    def sender(self, seed):
        auth = "Basic " + __import__("base64").b64encode(f"{self.write_key}:".encode()).decode()
        while self.running.is_set():
            ids = [f"crash-{seed}-{self.next_number()}" for _ in range(25)]
            batch = [{"type": "track", "event": "Products Searched", "anonymousId": f"device-{seed}", "messageId": message_id,
                      "properties": {"origin": "JFK", "destination": "LAX"}} for message_id in ids]
            try:
                status, _ = call("POST", self.base + "/cdp/v1/batch", {"batch": batch}, {"Authorization": auth})
                if status == 200:
                    with self.lock:
                        self.events.update(ids)
            except (OSError, ValueError):
                time.sleep(0.05)


def check(engine, query, load):
    """Everything acknowledged is stored, and seats sold equal the seats of the live orders."""
    stored_orders = {row[0]: int(row[1]) for row in query("SELECT o.id, COUNT(p.id) FROM orders o JOIN order_passengers p ON p.order_id = o.id GROUP BY o.id")}
    missing_orders = [order for order in load.orders if order not in stored_orders]
    assert not missing_orders, f"{engine}: {len(missing_orders)} acknowledged orders lost, e.g. {missing_orders[:3]}"
    wrong = [order for order, (_, passengers) in load.orders.items() if stored_orders[order] != passengers]
    assert not wrong, f"{engine}: orders with missing passengers: {wrong[:3]}"
    stored_events = {row[0] for row in query("SELECT message_id FROM cdp_events WHERE message_id LIKE 'crash-%'")}
    missing_events = load.events - stored_events
    assert not missing_events, f"{engine}: {len(missing_events)} acknowledged events lost, e.g. {sorted(missing_events)[:3]}"
    duplicates = list(query("SELECT message_id FROM cdp_events WHERE message_id LIKE 'crash-%' GROUP BY source_id, message_id HAVING COUNT(*) > 1"))
    assert not duplicates, f"{engine}: events stored twice: {duplicates[:3]}"
    sold = int(list(query("SELECT COALESCE(SUM(sold), 0) FROM flight_cabins"))[0][0])
    live = int(list(query("SELECT COALESCE(SUM(s.seats), 0) FROM order_segments s JOIN orders o ON o.id = s.order_id WHERE o.status <> 'cancelled'"))[0][0])
    held = int(list(query("SELECT COALESCE(SUM(seats), 0) FROM seat_holds WHERE status = 'held'"))[0][0])
    assert sold == live + held, f"{engine}: {sold} seats sold on flights, {live} in live orders and {held} held"
    tickets = int(list(query("SELECT COUNT(*) FROM order_passengers"))[0][0])
    distinct = int(list(query("SELECT COUNT(DISTINCT ticket_number) FROM order_passengers"))[0][0])
    assert tickets == distinct, f"{engine}: a ticket number was issued twice"
    return len(stored_orders), sold


def run(engine, env, query):
    token = e2e_server.operator_token(env)
    created = subprocess.run([e2e_server.BINARY, "sources", "create", "crash test"], env=env, check=True, capture_output=True, text=True)
    load = Load([line for line in created.stdout.splitlines() if line.strip()][-1].strip())
    port = e2e_server.free_port()
    server, load.base = e2e_server.serve(env, port=port)
    load.running.set()
    threads = [threading.Thread(target=load.buyer, args=(seed,), daemon=True) for seed in range(4)]
    threads += [threading.Thread(target=load.sender, args=(100 + seed,), daemon=True) for seed in range(2)]
    for thread in threads:
        thread.start()
    try:
        for kill in range(KILLS):
            time.sleep(LOAD_SECONDS)
            with load.lock:
                before = (len(load.orders), len(load.events))
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=10)
            print(f"  {engine}: SIGKILL {kill + 1} with {before[0]} orders and {before[1]} events acknowledged so far")
            server, _ = e2e_server.serve(env, port=port)
        time.sleep(1.0)
    finally:
        load.running.clear()
        for thread in threads:
            thread.join(timeout=15)
    try:
        assert load.orders and load.events, f"{engine}: the load made no acknowledged orders or events"
        orders, sold = check(engine, query, load)
        # The restarted server serves its operators too (the last instance registered after the kills).
        status, _ = call("GET", load.base + "/v1/ops/instances", headers={"Authorization": f"Bearer {token}"})
        assert status == 200, f"{engine}: the restarted server does not answer its operators ({status})"
        print(f"crash safety ({engine}): passed ({KILLS} SIGKILLs under load; {len(load.orders)} acknowledged orders of {orders} stored, "
              f"{len(load.events)} acknowledged events, {sold} seats sold = seats in live orders)")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    data_dir = e2e_server.prepared_data_dir(weeks=2)
    database = sqlite3.connect(os.path.join(data_dir, "skyport.sqlite"), timeout=30)
    run("SQLite", e2e_server.environment(data_dir), lambda sql: database.execute(sql).fetchall())

    server_url = os.environ.get("SKYPORT_TEST_POSTGRES_URL")
    if not server_url:
        print("crash safety (PostgreSQL): skipped (SKYPORT_TEST_POSTGRES_URL is not set)")
        return 0
    with e2e_server.postgres_database(server_url, "skyport_crash") as url:
        work = tempfile.mkdtemp(prefix="skyport-crash-")
        env = e2e_server.environment(work, SKYPORT_DATABASE_URL=url, SKYPORT_DATA_DIR=e2e_server.DATA_CACHE,
                                     SKYPORT_SECRET_KEY="crash-test-secret-key-0123456789abcdef")
        subprocess.run([e2e_server.BINARY, "data", "import", "--weeks", "2"], check=True, env=env, capture_output=True)

        def query(sql):
            out = subprocess.run(["psql", url, "-tA", "-F", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
            return [line.split("\t") for line in out.splitlines() if line]
        run("PostgreSQL", env, query)
    return 0


if __name__ == "__main__":
    sys.exit(main())
