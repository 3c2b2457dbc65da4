#!/usr/bin/env python3
"""Skyport under a real Prometheus server (Debian's `prometheus` package).

Starts `skyport serve` on loopback over a fresh SQLite file, sends it some requests, checks its `/metrics`
with `promtool check metrics` and the shipped rules with `promtool check rules` and `promtool test rules`,
then starts Prometheus scraping Skyport every second with those rules loaded, and asks Prometheus's query
API for Skyport's series until they arrive.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SKYPORT_BIN", os.path.join(ROOT, ".build/debug/skyport"))
RULES = os.path.join(ROOT, "deploy/prometheus/skyport-rules.yml")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, what, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                return answer.read()
        except Exception:
            if process.poll() is not None:
                raise SystemExit(f"{what} exited early")
            time.sleep(0.2)
    raise SystemExit(f"{what} did not answer {url}")


def get(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main():
    work = tempfile.mkdtemp(prefix="skyport-prometheus-")
    env = dict(os.environ, SKYPORT_DATA_DIR=work, SKYPORT_LOG_LEVEL="warning")
    env.pop("SKYPORT_DATABASE_URL", None)
    port = free_port()
    skyport = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env, cwd=ROOT)
    prometheus = None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/health/live", skyport, "skyport serve")
        for path in ["/", "/v1/airports?q=new", "/health/ready", "/no-such-page"]:
            get(base + path)
        get(base + "/v1/offer-requests", data=b"{}", headers={"Content-Type": "application/json"})
        names = ["skyport_http_requests_total", "skyport_http_request_duration_seconds_bucket", "skyport_http_requests_in_flight",
                 "skyport_outbox_backlog_events", "skyport_notification_backlog", "skyport_cdp_processing_lag_seconds",
                 "skyport_business_orders", "skyport_module_ready", "skyport_disruptions_open"]
        # The command center publishes its gauges at each evaluation (every 15 s); readiness needs this
        # instance's first heartbeat, which may come just after the first evaluation.
        deadline = time.time() + 40
        while True:
            status, metrics = get(base + "/metrics")
            assert status == 200, status
            text = metrics.decode()
            missing = [name for name in names if f"\n{name}" not in text]
            if not missing:
                break
            assert time.time() < deadline, f"/metrics lacks {missing}"
            time.sleep(1)
        check = subprocess.run(["promtool", "check", "metrics"], input=metrics, capture_output=True)
        assert check.returncode == 0 and not check.stdout.strip() and not check.stderr.strip(), \
            f"promtool check metrics: {check.stdout.decode()} {check.stderr.decode()}"
        print(f"  prometheus: /metrics passes promtool check metrics ({len(text.splitlines())} lines)")
        subprocess.run(["promtool", "check", "rules", RULES], check=True)
        subprocess.run(["promtool", "test", "rules", os.path.join(ROOT, "deploy/prometheus/skyport-rules.test.yml")], check=True)

        prometheus_port = free_port()
        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as file:
            file.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - {RULES}
scrape_configs:
  - job_name: skyport
    static_configs:
      - targets: ['127.0.0.1:{port}']
""")
        prometheus = subprocess.Popen(["prometheus", f"--config.file={config}", f"--storage.tsdb.path={os.path.join(work, 'tsdb')}",
                                       f"--web.listen-address=127.0.0.1:{prometheus_port}"],
                                      stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "prometheus.log"), "w"))
        api = f"http://127.0.0.1:{prometheus_port}/api/v1"
        wait_for(api + "/status/buildinfo", prometheus, "prometheus")
        deadline = time.time() + 60
        while True:
            query = urllib.parse.quote('sum by (module) (skyport_http_requests_total{job="skyport"})')
            _, body = get(f"{api}/query?query={query}")
            result = json.loads(body)["data"]["result"]
            modules = {series["metric"].get("module") for series in result}
            if {"web", "booking", "platform"} <= modules:
                break
            assert time.time() < deadline, f"Prometheus has no Skyport series yet: {body[:300]}"
            time.sleep(0.5)
        _, body = get(f"{api}/query?query=up%7Bjob%3D%22skyport%22%7D")
        assert json.loads(body)["data"]["result"][0]["value"][1] == "1", body
        _, body = get(f"{api}/rules")
        groups = json.loads(body)["data"]["groups"]
        rules = [rule for group in groups for rule in group["rules"]]
        assert len(rules) == 22 and all(rule["health"] == "ok" for rule in rules), [(r["name"], r.get("health"), r.get("lastError")) for r in rules]
        print(f"  prometheus: scraped Skyport; modules {sorted(modules)}; {len(rules)} rules loaded and evaluating")
        print("prometheus end-to-end: passed")
        return 0
    finally:
        for process in [prometheus, skyport]:
            if process:
                process.terminate()
                process.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)




if __name__ == "__main__":
    sys.exit(main())
