#!/usr/bin/env python3
"""Makes a booking through the site for the self-service page benchmarks: step 2 with a paid seat and a bag, then (the
flight moved in the database to leave in three hours, as the served instance runs on the real clock) online check-in.
Prints the browser's cookie header, the booking's path and its flight's status page as shell assignments, for wrk.
Usage: BASE=http://127.0.0.1:18081 SEARCH_DATE=YYYY-MM-DD SKYPORT_DATA_DIR=... self_service_setup.py
"""
import http.cookiejar
import os
import re
import shlex
import sqlite3
import time
import urllib.parse
import urllib.request

BASE, DATE = os.environ["BASE"], os.environ["SEARCH_DATE"]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def get(path):
    with opener.open(BASE + path) as answer:
        return answer.geturl(), answer.read().decode()


def post(path, fields):
    with opener.open(BASE + path, data=urllib.parse.urlencode(fields).encode()) as answer:
        return answer.geturl(), answer.read().decode()


def hidden(page, action):
    form = page[page.index(f'action="{action}"'):]
    form = form[:form.index("</form>")]
    return {name: value.replace("&amp;", "&") for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)}


search = f"from=JFK&to=LAX&trip=one_way&depart={DATE}&adults=1&children=0&infants=0&cabin=economy"
_, results = get("/flights?" + search)
checkout = re.search(r'href="(/checkout\?[^"]+~standard)"', results).group(1).replace("&amp;", "&")
_, page = get(checkout)
seat = re.search(r'<option value="([0-9]+[A-K])" data-price="[1-9]', page).group(1)
fields = hidden(page, "/checkout")
fields.update({"passenger_0_given_name": "Ada", "passenger_0_family_name": "Lovelace", "email": "ada@example.com", "phone": "+1 212 555 0100",
               "card_number": "4242424242424242", "card_expiry_month": "12", "card_expiry_year": str(time.gmtime().tm_year + 3), "card_cvc": "123",
               "card_holder": "Ada Lovelace", "seat_0_0": seat, "bags_0_0": "1"})
url, _ = post("/checkout", fields)
booking = urllib.parse.urlparse(url).path
database = sqlite3.connect(os.path.join(os.environ["SKYPORT_DATA_DIR"], "skyport.sqlite"), timeout=10)
(flight,) = database.execute("SELECT flight_id FROM order_segments WHERE order_id = ?", (booking.rsplit("/", 1)[1],)).fetchone()
departs = int(time.time()) + 3 * 3600
database.execute("UPDATE flights SET arrives_at = ? + (arrives_at - departs_at), departs_at = ? WHERE id = ?", (departs, departs, flight))
database.commit()
database.close()
_, page = get(booking + "/check-in")
fields = hidden(page, booking + "/check-in")
fields.update({name: "on" for name in re.findall(r'name="(passenger_pas_[A-Za-z0-9]+)"', page)})
url, _ = post(booking + "/check-in", fields)
assert url.endswith("/boarding-passes"), url
_, page = get(booking)
status = re.search(r'href="(/flights/status\?[^"]+)"', page).group(1).replace("&amp;", "&")
print("STATUS=" + shlex.quote(status))
print("COOKIE=" + shlex.quote("; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)))
print("BOOKING=" + shlex.quote(booking))
