"""Passenger self-service in the browser, for site_e2e.py's runs: seats and a bag chosen in step 2, seats changed from
the booking, a voluntary change to the next day, online check-in and the boarding pass, whose barcodes are decoded
from the page's screenshot with zxing-cpp (a real decoder, reading PDF417 and QR), and the flight status page."""
import datetime
import io
import os
import sqlite3
import time

import zxingcpp
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def choose_paid_seat_and_bag(run):
    """On the checkout page: the first extra-legroom seat for passenger 1 on the first flight and one extra bag; the
    page's total grows by their prices before paying."""
    driver = run.driver
    before = run.text(".summary-box dd.total")
    seat = Select(driver.find_element(By.NAME, "seat_0_0"))
    paid = [option for option in seat.options if option.get_attribute("value") and int(option.get_attribute("data-price") or 0) > 0]
    assert paid, "step 2 offers seats that cost extra"
    chosen = paid[0].get_attribute("value")
    seat.select_by_value(chosen)
    Select(driver.find_element(By.NAME, "bags_0_0")).select_by_value("1")
    after = run.text(".summary-box dd.total")
    assert after != before, f"the running total includes the seat and the bag ({before} -> {after})"
    assert driver.find_elements(By.CSS_SELECTOR, ".seat-figure .seat"), "a picture of the cabin"
    return chosen, after


def check_seat_on_booking(run, seat):
    seats = [cell.text for cell in run.driver.find_elements(By.CSS_SELECTOR, "[data-seat]")]
    assert seat in seats, f"the booking shows seat {seat}: {seats}"
    assert run.driver.find_elements(By.CSS_SELECTOR, "[data-service]"), "the seat and the bag are order items"


def change_seat(run):
    """Seats and bags from the booking: a free standard seat instead; nothing to pay."""
    driver, wait = run.driver, run.wait
    run.click("[data-extras]")
    wait.until(lambda d: d.current_url.endswith("/extras"))
    run.shot("extras")
    seat = Select(driver.find_element(By.NAME, "seat_0_0"))
    free = [option.get_attribute("value") for option in seat.options
            if option.get_attribute("value") and option.get_attribute("data-price") == "0"]
    seat.select_by_value(free[-1])
    run.click("[data-save-extras]")
    wait.until(lambda d: "notice=extras_saved" in d.current_url)
    check_seat_on_booking(run, free[-1])


def change_flight(run, departure):
    """A voluntary change to the next day from the booking: the offers with their price, then one confirmation."""
    driver, wait = run.driver, run.wait
    run.click("[data-change]")
    wait.until(lambda d: "/change" in d.current_url)
    next_day = (datetime.date.fromisoformat(departure) + datetime.timedelta(days=1)).isoformat()
    driver.execute_script("document.getElementById('f-date').value = arguments[0]", next_day)
    run.click("[data-find-changes]")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-change-offer]"))
    run.shot("change-offers")
    run.click("[data-change-offer]")
    run.fill("card_number", "4242 4242 4242 4242")
    Select(driver.find_element(By.NAME, "card_expiry_month")).select_by_value("12")
    Select(driver.find_element(By.NAME, "card_expiry_year")).select_by_value(str(datetime.date.today().year + 3))
    run.fill("card_cvc", "123")
    run.fill("card_holder", "Ada Lovelace")
    run.click("[data-confirm-change]")
    wait.until(lambda d: "notice=changed" in d.current_url)
    run.shot("changed")


def bring_departure_near(run, reference):
    """The served instance runs on the real clock, and check-in opens 24 hours before departure: the booking's flight
    is moved to leave in three hours (in the database, as an operator's schedule change would)."""
    database = sqlite3.connect(os.path.join(run.data_dir, "skyport.sqlite"), timeout=10)
    (flight,) = database.execute("""
        SELECT s.flight_id FROM order_segments s JOIN orders o ON o.id = s.order_id WHERE o.record_locator = ?""", (reference,)).fetchone()
    departs = int(time.time()) + 3 * 3600
    database.execute("UPDATE flights SET arrives_at = ? + (arrives_at - departs_at), departs_at = ? WHERE id = ?", (departs, departs, flight))
    database.commit()
    database.close()


def decode(png):
    """Every barcode zxing-cpp finds in a PNG, as (format, text)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return [(str(result.format), result.text) for result in zxingcpp.read_barcodes(image)]


def check_in_and_board(run, reference):
    driver, wait = run.driver, run.wait
    booking = driver.current_url.split("?")[0]
    bring_departure_near(run, reference)
    driver.refresh()
    run.click("[data-check-in]")
    wait.until(lambda d: d.current_url.endswith("/check-in"))
    run.shot("check-in")
    run.click("[data-confirm-check-in]")
    wait.until(lambda d: d.current_url.endswith("/boarding-passes"))
    wait.until(lambda d: d.execute_script("return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
    run.shot("boarding-pass")
    expected = driver.find_element(By.CSS_SELECTOR, "[data-bcbp]").get_attribute("textContent")
    assert expected.startswith("M1"), expected
    # The whole page as the passenger sees it (the viewport stretched to the page), then each code on its own.
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": run.width, "height": height, "deviceScaleFactor": 1, "mobile": run.width < 600})
    found = decode(driver.get_screenshot_as_png())
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": run.width, "height": run.height, "deviceScaleFactor": 1, "mobile": run.width < 600})
    for selector in ["[data-qr]", "[data-pdf417]"]:
        element = driver.find_element(By.CSS_SELECTOR, selector)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        found += decode(element.screenshot_as_png)
    texts = {text for _, text in found}
    assert expected in texts, f"the barcode on the screen decodes to the pass: {found}"
    formats = {name for name, text in found if text == expected}
    assert any("QR" in name for name in formats) and any("PDF417" in name for name in formats), formats
    # The downloads: a PDF and an image of the pass.
    kinds = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        Promise.all([document.querySelector('[data-pass-pdf]').href, document.querySelector('[data-pass-png]').href]
          .map(url => fetch(url).then(r => r.headers.get('content-type')))).then(done);""")
    assert kinds == ["application/pdf", "image/png"], kinds
    driver.get(booking)


def check_flight_status(run):
    """The booking links each flight's status page."""
    driver = run.driver
    booking = driver.current_url
    driver.get(driver.find_element(By.CSS_SELECTOR, "a[href^='/flights/status']").get_attribute("href"))
    assert driver.find_elements(By.CSS_SELECTOR, "[data-flight-status] [data-status]"), "the status of the flight"
    run.shot("flight-status")
    driver.get(booking)
