#!/usr/bin/env python3
"""The command center in headless Chromium: an operator signs in with a token, the board shows every
module, the business, the weather and the open disruptions with charts drawn as SVG by the server, a new
weather report reaches the open page over server-sent events, a service card drills down to its page, and
the board weighs under 100 KB. Screenshots at 1280x800 and 1920x1080 go to E2E_SCREENSHOTS/ops.

Run by site_e2e.py against its server once the customer flows have made bookings and a disruption.
"""
import datetime
import json
import os
import subprocess
import urllib.error
import urllib.request

from accessibility import audit
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PAGE_BUDGET_BYTES = 100 * 1024


def operator_token(binary, data_dir):
    env = dict(os.environ, SKYPORT_DATA_DIR=data_dir, SKYPORT_LOG_LEVEL="warning")
    env.pop("SKYPORT_DATABASE_URL", None)
    # Operations and finance: the board and the finance page in one session.
    return subprocess.run([binary, "operators", "create", "ops-e2e", "--right", "operations", "--right", "finance"], check=True, env=env,
                          capture_output=True, text=True).stdout.split()[-1]


def save(driver, shots, label, width, height, viewport, expected=()):
    viewport(driver, width, height)
    problems = [entry["message"] for entry in driver.get_log("browser")
                if (entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"])
                and not any(text in entry["message"] for text in expected)]
    assert not problems, f"{label}: console errors: {problems}"
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{label}: the page scrolls sideways by {overflow}px at {width}px"
    audit(driver, f"ops {label} at {width}x{height}")
    path = os.path.join(shots, "ops", f"{label}-{width}x{height}.png")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    driver.save_screenshot(path)
    print(f"  ops: {label} at {width}x{height} ok ({path})")


def transferred(driver):
    """Bytes the page and its files took (the live stream, which never ends, is not part of the page)."""
    return driver.execute_script("""
        const navigation = performance.getEntriesByType('navigation')[0];
        const files = performance.getEntriesByType('resource').filter(e => !e.name.includes('/ops/stream'));
        return navigation.transferSize + files.reduce((sum, e) => sum + e.transferSize, 0);""")


def check_command_center(binary, base, data_dir, browser, viewport, shots):
    token = operator_token(binary, data_dir)
    driver = browser(1280, 800, "en-US,en")
    wait = WebDriverWait(driver, 30)
    try:
        driver.get(base + "/ops?range=1h")
        assert "/ops/sign-in" in driver.current_url, f"an anonymous visitor is sent to sign in, not {driver.current_url}"
        driver.find_element(By.NAME, "token").send_keys("sop_" + "0" * 64)
        driver.find_element(By.CSS_SELECTOR, "form.sign-in button").click()
        wait.until(lambda d: d.find_elements(By.ID, "token-error"))
        save(driver, shots, "sign-in-refused", 1280, 800, viewport, expected=["status of 401"])
        driver.find_element(By.NAME, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "form.sign-in button").click()
        wait.until(lambda d: d.current_url.endswith("/ops?range=1h"))
        wait.until(lambda d: d.find_element(By.ID, "updated").get_attribute("data-live") == "on")

        cards = driver.find_elements(By.CSS_SELECTOR, "#services a.card")
        # The server runs every module; /health/ready names them (with 503 when one cannot serve yet).
        try:
            readiness = urllib.request.urlopen(base + "/health/ready", timeout=10).read()
        except urllib.error.HTTPError as error:
            readiness = error.read()
        modules = json.loads(readiness)["modules"]
        assert len(cards) == len(modules) >= 7, f"one card per module ({sorted(modules)}), not {len(cards)}"
        web = driver.find_element(By.CSS_SELECTOR, "#services a.card[href^='/ops/services/web']")
        assert "ready" in web.get_attribute("class"), web.get_attribute("class")
        assert len(driver.find_elements(By.CSS_SELECTOR, "#services svg.chart polyline")) >= 6, "a chart per module"
        orders = driver.find_element(By.CSS_SELECTOR, "#business a.tile .value").text
        assert int(orders.replace(",", "")) >= 2, f"the bookings of the site test count: {orders}"
        assert driver.find_elements(By.CSS_SELECTOR, "#disruptions tbody tr"), "the delayed flight is on the disruptions board"
        assert driver.find_elements(By.CSS_SELECTOR, "#objectives tbody tr"), "objectives are listed"
        size = transferred(driver)
        assert size < PAGE_BUDGET_BYTES, f"the board took {size} bytes"
        print(f"  ops: the board took {size} bytes")

        # A new weather report reaches the open page by itself.
        now = datetime.datetime.now(datetime.timezone.utc)
        report = f"KLGA {now:%d%H%M}Z 01005KT 1/4SM FG VV001 10/09 A3000".encode()
        request = urllib.request.Request(base + "/v1/weather/metar", data=report, method="POST",
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"})
        urllib.request.urlopen(request, timeout=10).read()
        wait.until(lambda d: "LIFR" in d.find_element(By.ID, "weather").text)
        save(driver, shots, "board", 1280, 800, viewport)
        save(driver, shots, "board", 1920, 1080, viewport)

        driver.find_element(By.CSS_SELECTOR, "#services a.card[href^='/ops/services/web']").click()
        wait.until(lambda d: "/ops/services/web" in d.current_url)
        routes = driver.find_element(By.ID, "routes").text
        assert "GET /flights" in routes and "POST /checkout" in routes, routes[:300]
        wait.until(lambda d: d.find_element(By.ID, "updated").get_attribute("data-live") == "on")
        save(driver, shots, "service-web", 1280, 800, viewport)
        for path, section in [("/ops/alerts", "rules"), ("/ops/slos", "objectives"), ("/ops/business", "revenue"), ("/ops/models", "model-delay"),
                              ("/ops/maintenance", "engines"), ("/ops/planning", "planning"), ("/ops/finance", "books")]:
            driver.get(base + path + "?range=24h")
            assert driver.find_elements(By.ID, section), f"{path} shows {section}"
            save(driver, shots, path.split("/")[-1], 1280, 800, viewport)
        driver.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
        wait.until(lambda d: "/ops/sign-in" in d.current_url)
        driver.get(base + "/ops")
        assert "/ops/sign-in" in driver.current_url, "signed out"
    finally:
        driver.quit()
