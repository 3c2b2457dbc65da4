#!/usr/bin/env python3
"""Transfer size and largest contentful paint of the home and results pages in headless Chromium.

Each page is loaded RUNS times (default 5), each time in a fresh browser (cold cache), at
360x740 with a mobile device profile. Prints one JSON line per page: median LCP, total bytes
transferred (HTML, CSS, JS, fonts, images) and the hosts requested (only the site's own).
Usage: BASE=http://127.0.0.1:18080 SEARCH_DATE=YYYY-MM-DD page_weight.py
"""
import json
import os
import shutil
import statistics
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE = os.environ.get("BASE", "http://127.0.0.1:18080")
RUNS = int(os.environ.get("RUNS", "5"))
DATE = os.environ["SEARCH_DATE"]
PAGES = {
    "home": "/",
    "results": f"/flights?from=JFK&to=LAX&trip=one_way&depart={DATE}&adults=1&children=0&infants=0&cabin=economy",
}

MEASURE = """
const done = arguments[arguments.length - 1];
let lcp = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) lcp = Math.max(lcp, e.startTime); })
  .observe({type: 'largest-contentful-paint', buffered: true});
setTimeout(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  done({lcp, bytes: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0),
        html: nav.transferSize, urls: [location.href].concat(resources.map(r => r.name))});
}, 300);
"""


def measure(path):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
        driver.get(BASE + path)
        return driver.execute_async_script(MEASURE)
    finally:
        driver.quit()


for name, path in PAGES.items():
    samples = [measure(path) for _ in range(RUNS)]
    hosts = sorted({urllib.parse.urlparse(u).netloc for s in samples for u in s["urls"]})
    print(json.dumps({"page": name, "runs": RUNS, "lcp_ms_median": round(statistics.median(s["lcp"] for s in samples), 1),
                      "transfer_bytes_median": statistics.median(s["bytes"] for s in samples),
                      "html_bytes_median": statistics.median(s["html"] for s in samples), "hosts": hosts}))
