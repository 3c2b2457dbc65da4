#!/usr/bin/env python3
"""Order-creation load: CONCURRENCY clients each POST /v1/orders back to back for DURATION seconds.

Offers are gathered first by searching many markets and dates; each offer (a flight in a flex class)
is used for at most 80% of its flight's seats, so that every order should succeed. Prints one JSON line:
orders per second, latency percentiles, and errors by code.
"""
import http.client, json, os, queue, random, sys, threading, time, datetime

HOST, PORT = "127.0.0.1", int(os.environ.get("PORT", "18080"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "16"))
DURATION = float(os.environ.get("DURATION", "10"))
MARKETS = [("JFK", "LAX"), ("LAX", "JFK"), ("JFK", "SFO"), ("LGA", "ATL"), ("ATL", "LGA"), ("EWR", "ORD"),
           ("LGA", "ORD"), ("ORD", "LGA"), ("JFK", "MCO"), ("EWR", "BOS"), ("LGA", "MIA"), ("JFK", "BOS")]

def post(conn, path, body, headers=None):
    conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"{}")

def gather_offers(needed):
    conn = http.client.HTTPConnection(HOST, PORT)
    tickets = []
    day = datetime.date.today() + datetime.timedelta(days=3)
    while len(tickets) < needed and day < datetime.date.today() + datetime.timedelta(days=50):
        for origin, destination in MARKETS:
            status, body = post(conn, "/v1/offer-requests", {"slices": [{"origin": origin, "destination": destination,
                "departure_date": day.isoformat()}], "passengers": [{"type": "adult"}], "cabin_class": "economy", "max_offers": 200})
            if status != 201:
                continue
            for offer in body["offers"]:
                if offer["fare_brand"] != "flex":
                    continue
                # available_seats is absent above nine; 20 orders stays below class B's limit on every aircraft here.
                seats = offer.get("available_seats")
                tickets += [offer["id"]] * (int(seats * 0.8) if seats else 20)
        day += datetime.timedelta(days=1)
    return tickets

def main():
    expected = int(DURATION * 1200)
    work = queue.Queue()
    tickets = gather_offers(expected)
    # Buyers spread over flights as real traffic does; buyers of one flight queue on its inventory row.
    random.Random(7).shuffle(tickets)
    for ticket in tickets:
        work.put(ticket)
    latencies, errors, lock = [], {}, threading.Lock()
    stop_at = [0.0]

    def client(index):
        conn = http.client.HTTPConnection(HOST, PORT)
        serial = 0
        while time.monotonic() < stop_at[0]:
            try:
                offer = work.get_nowait()
            except queue.Empty:
                with lock: errors["offers_exhausted"] = errors.get("offers_exhausted", 0) + 1
                return
            serial += 1
            body = {"offer_id": offer, "passengers": [{"type": "adult", "given_name": "Bench", "family_name": "Client" + "x" * (index % 20)}],
                    "contact": {"email": f"bench{index}@example.com", "phone_number": "+12125550123"},
                    "payment": {"card": {"number": "4242424242424242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123", "holder_name": "Bench"}}}
            started = time.monotonic()
            status, answer = post(conn, "/v1/orders", body, {"Idempotency-Key": f"bench-{os.getpid()}-{index}-{serial}"})
            elapsed = time.monotonic() - started
            with lock:
                if status == 201:
                    latencies.append(elapsed)
                else:
                    code = (answer.get("errors") or [{}])[0].get("code", str(status))
                    errors[code] = errors.get(code, 0) + 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONCURRENCY)]
    begin = time.monotonic()
    stop_at[0] = begin + DURATION
    for t in threads: t.start()
    for t in threads: t.join()
    wall = time.monotonic() - begin
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2) if latencies else None
    print(json.dumps({"orders": len(latencies), "seconds": round(wall, 2), "orders_per_second": round(len(latencies) / wall, 1),
                      "p50_ms": pick(0.50), "p99_ms": pick(0.99), "errors": errors, "offers_gathered": work.qsize() + len(latencies)}))

if __name__ == "__main__":
    main()
