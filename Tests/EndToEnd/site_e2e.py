#!/usr/bin/env python3
"""End-to-end test of the web site in headless Chromium (Selenium).

Starts `skyport serve` on loopback over a fresh SQLite file loaded with the real data set,
then, once at 360x740 in Korean and once at 1280x800 in English: answer the consent question,
search, pick a fare, pay, read the confirmation, check that the browser reported the journey to the
customer data platform (one profile) and that the home page now continues the search with today's
fare, create an account through the emailed link (an SMTP sink on loopback receives it), retrieve the booking from a fresh browser, see an operator's delay arrive on the open page and move
to a held later flight with one click, change seats, change the flight to the next day, check in, decode the boarding
pass's PDF417 and QR codes from the screenshot, follow the flight's status, and cancel it. Step 2 also chooses a paid
seat and a bag. Every step is
saved as a screenshot under E2E_SCREENSHOTS (default test-results/e2e).

Then the command center (ops_e2e.py): an operator signs in and watches the board.

Also checked on every page: no horizontal scrolling, touch targets of at least 44 px, no
Content-Security-Policy violation or script error in the console.
"""
import datetime
import json
import os
import re
import shutil
import sqlite3
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from accessibility import audit
from ops_e2e import check_command_center
from self_service_e2e import change_flight, change_seat, check_flight_status, check_in_and_board, check_seat_on_booking, choose_paid_seat_and_bag
from smtp_sink import SMTPSink

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SKYPORT_BIN", os.path.join(ROOT, ".build/debug/skyport"))
DATA_CACHE = os.environ.get("E2E_DATA_CACHE", os.path.join(ROOT, ".build/e2e-data"))
SHOTS = os.path.abspath(os.environ.get("E2E_SCREENSHOTS", os.path.join(ROOT, "test-results/e2e")))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(mail):
    """Fetches the data set once (cached), imports two weeks of schedule and serves, sending email to `mail`."""
    os.makedirs(DATA_CACHE, exist_ok=True)
    subprocess.run([BINARY, "data", "fetch", "--data-dir", DATA_CACHE], check=True)
    data_dir = tempfile.mkdtemp(prefix="skyport-e2e-")
    for name in os.listdir(DATA_CACHE):
        if name.endswith(".csv"):
            shutil.copy(os.path.join(DATA_CACHE, name), data_dir)
    env = dict(os.environ, SKYPORT_DATA_DIR=data_dir, SKYPORT_LOG_LEVEL="warning")
    env.pop("SKYPORT_DATABASE_URL", None)
    subprocess.run([BINARY, "data", "import", "--data-dir", data_dir, "--weeks", "2"], check=True, env=env)
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=dict(env, SKYPORT_SMTP_URL=f"smtp://127.0.0.1:{mail.port}"))
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/health/ready", timeout=1)
            return server, base, data_dir
        except Exception:
            if server.poll() is not None:
                raise SystemExit("skyport serve exited early")
            time.sleep(0.1)
    server.kill()
    raise SystemExit("skyport serve did not become ready")


def browser(width, height, language):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    viewport(driver, width, height)
    return driver


def viewport(driver, width, height):
    """The viewport under test, exactly (a headless window has a minimum width; emulation has none)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


class Run:
    def __init__(self, base, width, height, language, data_dir, mail):
        self.base, self.width, self.height, self.language, self.data_dir, self.mail = base, width, height, language, data_dir, mail
        self.name = f"{language.split(',')[0]}-{width}x{height}"
        self.step = 0
        self.driver = browser(width, height, language)
        self.wait = WebDriverWait(self.driver, 20)

    def shot(self, label):
        """Checks the page's layout and console, then saves a full-page screenshot."""
        self.step += 1
        driver = self.driver
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{label}: the page scrolls sideways by {overflow}px at {self.width}px"
        small = driver.execute_script("""
            return Array.from(document.querySelectorAll('a.button, button, a.fare, label.fare, label.choice, .sort a, .strip a, .calendar a, input:not([type=radio]):not([type=hidden]), select, header nav a'))
              .filter(e => e.offsetParent !== null)
              .map(e => [e.textContent.trim().slice(0, 30) || e.name, e.getBoundingClientRect().height])
              .filter(([, h]) => h < 44);""")
        assert not small, f"{label}: touch targets under 44px: {small}"
        problems = [entry["message"] for entry in driver.get_log("browser")
                    if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]
        assert not problems, f"{label}: console errors: {problems}"
        audit(driver, f"{self.name} {label}")
        assert driver.execute_script("return window.innerWidth") == self.width
        height = driver.execute_script("return document.documentElement.scrollHeight")
        viewport(driver, self.width, max(self.height, height))
        path = os.path.join(SHOTS, self.name, f"{self.step:02d}-{label}.png")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        driver.save_screenshot(path)
        viewport(driver, self.width, self.height)
        print(f"  {self.name}: {label} ok ({path})")

    def text(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).text

    def fill(self, name, value):
        element = self.driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)

    def fill_traveller_and_card(self, korean):
        """The purchase page's passenger, phone and test card (the email is filled, or an account's)."""
        self.fill("passenger_0_given_name", "Minji" if korean else "Ada")
        self.fill("passenger_0_family_name", "Kim" if korean else "Lovelace")
        self.fill("phone", "+82 10 1234 5678" if korean else "+1 212 555 0100")
        self.fill("card_number", "4242 4242 4242 4242")
        Select(self.driver.find_element(By.NAME, "card_expiry_month")).select_by_value("12")
        Select(self.driver.find_element(By.NAME, "card_expiry_year")).select_by_value(str(datetime.date.today().year + 3))
        self.fill("card_cvc", "123")
        self.fill("card_holder", "Minji Kim" if korean else "Ada Lovelace")

    def click(self, selector):
        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def run(self, korean):
        driver, wait = self.driver, self.wait
        # Each run on its own day: the operator's delay below must find no earlier run's disruption on the flight.
        departure = (datetime.date.today() + datetime.timedelta(days=6 if korean else 7)).isoformat()

        driver.get(self.base + "/")
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == ("ko" if korean else "en")
        if korean:
            assert "항공편 검색" in driver.page_source
        # The consent question is asked once per browser; this visitor allows personalization.
        banner = driver.find_element(By.CSS_SELECTOR, "[data-consent]")
        assert banner.is_displayed(), "the consent question is shown on the first visit"
        self.shot("consent")
        self.click("[data-consent-choice=yes]")
        assert not banner.is_displayed()
        # The choice can be changed later from the footer.
        self.click("[data-consent-open]")
        assert banner.is_displayed()
        self.click("[data-consent-choice=yes]")
        assert not banner.is_displayed()
        self.fill("from", "JFK")
        self.fill("to", "LAX")
        driver.execute_script("document.getElementById('f-depart').value = arguments[0]", departure)
        Select(driver.find_element(By.NAME, "adults")).select_by_value("1")
        self.shot("home")
        self.click("form.search button[type=submit]")

        wait.until(lambda d: "/flights" in d.current_url)
        assert len(driver.find_elements(By.CSS_SELECTOR, "li.flight")) > 3, "JFK-LAX has many daily flights"
        assert len(driver.find_elements(By.CSS_SELECTOR, ".strip li")) == 7
        self.shot("results")
        # A month of lowest fares, each day opening step 1 on that date; back to the chosen day adds no step.
        self.click("a[href^='/flights/calendar']")
        wait.until(lambda d: "/flights/calendar" in d.current_url)
        assert len(driver.find_elements(By.CSS_SELECTOR, ".calendar li")) == 30
        assert re.search(r"\d", self.text(".calendar a[aria-current=date] .low")), "the chosen day has a fare"
        self.shot("fare-calendar")
        self.click(".calendar a[aria-current=date]")
        wait.until(lambda d: "/flights?" in d.current_url and departure in d.current_url)
        self.click("a.fare[href$='~standard']")  # step 1: choosing a fare goes straight to step 2

        wait.until(lambda d: "/checkout" in d.current_url)
        total = self.text(".summary-box dd.total")
        self.fill("email", "traveller@example.com")
        self.fill_traveller_and_card(korean)
        seat, _ = choose_paid_seat_and_bag(self)
        self.shot("checkout")
        self.click("form.pay button[type=submit]")

        wait.until(lambda d: "/bookings/" in d.current_url)
        reference = self.text("[data-pnr]")
        assert re.fullmatch(r"[A-Z0-9]{6}", reference), reference
        tickets = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "[data-ticket]")]
        assert tickets and all(re.fullmatch(r"\d{13}", t) for t in tickets), tickets
        assert total in driver.page_source, "the receipt shows the price paid"
        check_seat_on_booking(self, seat)
        self.shot("confirmation")
        # The printable receipt, and back.
        confirmation = driver.current_url
        self.click("a[href$='/receipt']")
        wait.until(lambda d: d.current_url.endswith("/receipt"))
        assert total in driver.page_source
        self.shot("receipt")
        driver.get(confirmation)
        self.check_customer_data(reference)
        self.check_sign_up(reference, korean)
        self.check_pay_with_miles(departure, korean)

        # Retrieve from a browser that never saw the booking.
        driver.delete_all_cookies()
        driver.get(self.base + "/manage")
        self.fill("booking_reference", reference)
        self.fill("family_name", "Kim" if korean else "Lovelace")
        self.shot("manage")
        self.click("form.narrow button[type=submit]")
        wait.until(lambda d: "/bookings/" in d.current_url)
        assert self.text("[data-pnr]") == reference
        self.shot("retrieved")
        self.check_disruption(reference, korean)
        change_seat(self)
        change_flight(self, departure)
        check_in_and_board(self, reference)
        check_flight_status(self)

        self.click("a.danger")
        wait.until(lambda d: d.current_url.endswith("/cancel"))
        assert re.search(r"\d", self.text("[data-refund]"))
        self.shot("cancel-quote")
        self.click("form[data-once] button[type=submit]")
        wait.until(lambda d: "cancelled=1" in d.current_url)
        assert driver.find_elements(By.CSS_SELECTOR, ".status.cancelled")
        self.shot("cancelled")

    def check_disruption(self, reference, korean):
        """An operator delays the flight by 200 minutes while the booking is open: the message arrives on the
        page by itself, the page then offers the held later flights, and one click moves the booking."""
        driver, wait = self.driver, self.wait
        database = sqlite3.connect(os.path.join(self.data_dir, "skyport.sqlite"))
        (flight,) = database.execute("""
            SELECT s.flight_id FROM order_segments s JOIN orders o ON o.id = s.order_id WHERE o.record_locator = ?""", (reference,)).fetchone()
        database.close()
        env = dict(os.environ, SKYPORT_DATA_DIR=self.data_dir, SKYPORT_LOG_LEVEL="warning")
        env.pop("SKYPORT_DATABASE_URL", None)
        token = subprocess.run([BINARY, "operators", "create", "e2e"], check=True, env=env, capture_output=True, text=True).stdout.split()[-1]
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-disruption]"), "the flight is not disrupted yet"
        request = urllib.request.Request(f"{self.base}/v1/flights/{flight}/delay", method="POST", data=b'{"delay_minutes": 200}',
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert json.load(answer)["disruption"]["level"] == "severe_delay"
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-live-message]"))
        subject = self.text("[data-live-message] summary")
        assert subject.startswith("지연 예상" if korean else "Delay expected"), subject
        self.shot("message-arrives")
        driver.refresh()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-disruption] [data-rebook]"))
        self.shot("disruption")
        self.click("[data-disruption] [data-rebook]")
        wait.until(lambda d: "notice=rebooked" in d.current_url)
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-disruption]"), "the moved booking is no longer disrupted"
        tickets = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "[data-ticket]")]
        assert tickets and all(re.fullmatch(r"\d{13}", t) for t in tickets), tickets
        self.shot("rebooked")

    def check_sign_up(self, reference, korean):
        """Sign-up in two steps: the form says "check your inbox"; the emailed link opens a page (without the
        token in its address) where the password is chosen; the account then lists the booking on this device."""
        driver, wait = self.driver, self.wait
        address = f"ada.{'ko' if korean else 'en'}@example.com"
        driver.get(self.base + "/account/sign-in")
        assert driver.find_elements(By.CSS_SELECTOR, "input[name=password][autocomplete=current-password]")
        self.shot("sign-in")
        driver.get(self.base + "/account/sign-up")
        self.fill("given_name", "Minji" if korean else "Ada")
        self.fill("family_name", "Kim" if korean else "Lovelace")
        self.fill("email", address)
        self.shot("sign-up")
        self.click("form.narrow button[type=submit]")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "p[role=status]"))
        assert address in self.text("p[role=status]")
        self.shot("sign-up-sent")
        for _ in range(50):
            message = self.mail.last_to(address)
            if message:
                break
            time.sleep(0.1)
        assert message, f"no email to {address}"
        assert message["Subject"] == ("Skyport 비밀번호를 정해 주세요" if korean else "Choose your Skyport password"), message["Subject"]
        link = re.search(r"https?://\S+/account/confirm\?token=ssu_[0-9a-f]{64}", message.get_content()).group(0)
        driver.get(self.base + link[link.index("/account/"):])
        wait.until(lambda d: d.current_url.endswith("/account/confirm"))
        assert "token" not in driver.current_url and address in driver.page_source
        self.fill("password", "correct horse battery")
        self.shot("choose-password")
        self.click("form.narrow button[type=submit]")
        wait.until(lambda d: d.current_url.endswith("/account"))
        assert address in driver.page_source and reference in driver.page_source, "the account lists the booking on this device"
        self.shot("account")

    def check_pay_with_miles(self, departure, korean):
        """The new account joins the loyalty programme from My account and, with miles from earlier flights, buys the
        basic fare as an award on the purchase page itself: the chart's miles for the fare, the taxes by card."""
        driver, wait = self.driver, self.wait
        address = f"ada.{'ko' if korean else 'en'}@example.com"
        driver.get(self.base + "/account")
        self.click("form[action='/account/loyalty/enrol'] button[type=submit]")
        wait.until(lambda d: "notice=enrolled" in d.current_url)
        # The member's earlier flights, as the programme would have credited them.
        database = sqlite3.connect(os.path.join(self.data_dir, "skyport.sqlite"), timeout=10)
        (member,) = database.execute("SELECT id FROM loyalty_members WHERE email = ?", (address,)).fetchone()
        database.execute("UPDATE loyalty_members SET balance = balance + 40000 WHERE id = ?", (member,))
        database.execute("""
            INSERT INTO loyalty_lots (id, member_id, earned_at, expires_at, miles, remaining, remaining_value, currency)
            VALUES (?, ?, 0, 4102444800, 40000, 40000, 48000, 'USD')""", (f"lot_e2e_{member}", member))
        database.commit()
        driver.get(self.base + f"/flights?from=JFK&to=LAX&trip=one_way&depart={departure}&adults=1&children=0&infants=0&cabin=economy")
        self.click("a.fare[href$='~basic']")
        wait.until(lambda d: "/checkout" in d.current_url)
        assert "40,000" in self.text("[data-miles]"), "the purchase page shows the member's miles"
        self.click("input[name=miles_use][value=award]")
        # The pay button now asks only for what the card pays: the award's taxes.
        award = driver.find_element(By.CSS_SELECTOR, "input[name=miles_use][value=award]").find_element(By.XPATH, "..").text
        paying = self.text("form.pay button[type=submit] [data-total-text]")
        assert re.findall(r"\d+\.\d\d", award)[-1] == re.findall(r"\d+\.\d\d", paying)[-1], (award, paying)
        self.fill_traveller_and_card(korean)
        self.shot("checkout-miles")
        self.click("form.pay button[type=submit]")
        wait.until(lambda d: "/bookings/" in d.current_url)
        assert "17,500" in driver.page_source, "the booking shows the miles paid"
        (balance,) = database.execute("SELECT balance FROM loyalty_members WHERE id = ?", (member,)).fetchone()
        database.close()
        assert balance == 22500, balance
        self.shot("award-booked")

    def check_customer_data(self, reference):
        """The browser reported the journey to the customer data platform, and the home page now
        continues the search with today's fare."""
        driver = self.driver
        anonymous_id = driver.find_element(By.TAG_NAME, "body").get_attribute("data-anonymous-id")
        assert anonymous_id and anonymous_id.startswith("anon_"), anonymous_id
        wanted = {"Products Searched", "Product Viewed", "Checkout Started", "Order Completed", "Consent Updated"}
        database = sqlite3.connect(os.path.join(self.data_dir, "skyport.sqlite"))
        for _ in range(100):
            rows = database.execute("""
                SELECT e.event, e.payload, pe.profile_id FROM cdp_events e LEFT JOIN cdp_profile_events pe ON pe.event_id = e.id
                WHERE e.anonymous_id = ? AND e.source_id = 'src_web'""", (anonymous_id,)).fetchall()
            if wanted <= {row[0] for row in rows} and all(row[2] for row in rows):
                break
            time.sleep(0.1)
        events = {row[0]: json.loads(row[1]) for row in rows}
        assert wanted <= set(events), f"events from the browser: {sorted(set(events))}"
        assert {row[2] for row in rows} and len({row[2] for row in rows}) == 1, "one profile for the browser"
        order = events["Order Completed"]["properties"]
        assert order["order_id"] == reference and order["products"][0]["origin"] == "JFK", order
        assert events["Products Searched"]["properties"]["destination"] == "LAX"
        assert events["Order Completed"]["context"]["consent"]["categoryPreferences"]["personalization"] is True
        database.close()
        driver.get(self.base + "/")
        assert "LAX" in self.text("[data-suggestions] .card small + strong"), "the first suggestion continues the search"
        assert re.search(r"\d", self.text("[data-suggestions] .card .low")), "with today's lowest fare"
        self.shot("home-personalized")

    def close(self):
        self.driver.quit()


def main():
    mail = SMTPSink()
    server, base, data_dir = start_server(mail)
    failures = 0
    try:
        for width, height, language, korean in [(360, 740, "ko-KR,ko", True), (1280, 800, "en-US,en", False)]:
            run = Run(base, width, height, language, data_dir, mail)
            try:
                run.run(korean)
            except Exception as error:
                failures += 1
                path = os.path.join(SHOTS, run.name, "failure.png")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                run.driver.save_screenshot(path)
                print(f"FAILED {run.name}: {error} (screenshot {path}, page {run.driver.current_url})", file=sys.stderr)
            finally:
                run.close()
        try:
            check_command_center(BINARY, base, data_dir, browser, viewport, SHOTS)
        except Exception as error:
            failures += 1
            print(f"FAILED command center: {error}", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=10)
        mail.close()
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"end-to-end: {'FAILED' if failures else 'passed'}; screenshots in {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
