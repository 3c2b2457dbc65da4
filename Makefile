# Skyport: `make run` serves on http://localhost:8080 with the embedded SQLite database;
# `make test` runs every test on SQLite and PostgreSQL, then the site end to end in headless Chromium.
SHELL := /bin/bash
PORT ?= 8080
DATA_DIR ?= $(CURDIR)/data
RELEASE_BIN := .build/release/skyport
# Extra `swift build` flags for release builds (the Dockerfile adds --static-swift-stdlib).
SWIFT_BUILD_FLAGS ?=

E2E_SCREENSHOTS ?= $(CURDIR)/test-results/e2e

.PHONY: run build release test e2e e2e-deps check-warnings openapi-lint deploy-check deploy-deps prometheus-rules bench deps clean

## Install what is missing, build, fetch and import the data set, train the delay and demand models once, simulate two
## weeks of bookings on two markets once (revenue management learns from them), and serve.
run: deps release
	@$(RELEASE_BIN) data fetch --data-dir "$(DATA_DIR)"
	@$(RELEASE_BIN) data import --data-dir "$(DATA_DIR)"
	@SKYPORT_DATA_DIR="$(DATA_DIR)" $(RELEASE_BIN) train delay --if-no-champion --promote champion --quiet
	@SKYPORT_DATA_DIR="$(DATA_DIR)" $(RELEASE_BIN) train demand --if-no-champion --promote champion --quiet
	@SKYPORT_DATA_DIR="$(DATA_DIR)" $(RELEASE_BIN) simulate bookings --if-empty --markets 2 --past-days 14 --future-days 21
	@echo ""
	@echo "  Skyport is starting on http://localhost:$(PORT)  (Ctrl-C stops it)"
	@echo ""
	@SKYPORT_DATA_DIR="$(DATA_DIR)" $(RELEASE_BIN) serve --port $(PORT)

## System packages the build and the data fetch need (libxgboost for the delay model, libzint for boarding passes).
deps:
	@command -v swift >/dev/null || { echo "Swift 6.2 or newer is needed: https://www.swift.org/install/linux/"; exit 1; }
	@missing=""; \
	 command -v python3 >/dev/null || missing="$$missing python3"; \
	 python3 -m pip --version >/dev/null 2>&1 || missing="$$missing python3-pip"; \
	 command -v tar >/dev/null || missing="$$missing tar"; \
	 pkg-config --exists xgboost 2>/dev/null || missing="$$missing libxgboost-dev pkg-config"; \
	 pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	 [ -f /usr/include/zint.h ] || missing="$$missing libzint-dev"; \
	 if [ -n "$$missing" ]; then \
	   echo "installing$$missing"; \
	   if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	   else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	 fi

build:
	swift build

release:
	swift build -c release --product skyport $(SWIFT_BUILD_FLAGS)

## Every test. PostgreSQL is started on loopback by scripts/ci/postgres.sh unless
## SKYPORT_TEST_POSTGRES_URL names one already (SKYPORT_TEST_SQLITE_ONLY=1 skips it); the TLS tests run
## when SKYPORT_TEST_POSTGRES_TLS_DIR names the folder with that server's CA (the script's `tls-dir`).
test: deps check-warnings openapi-lint deploy-check
	@if [ -z "$${SKYPORT_TEST_POSTGRES_URL:-}" ] && [ -z "$${SKYPORT_TEST_SQLITE_ONLY:-}" ]; then \
	   if url="$$(scripts/ci/postgres.sh start)"; then export SKYPORT_TEST_POSTGRES_URL="$$url" SKYPORT_TEST_POSTGRES_TLS_DIR="$$(scripts/ci/postgres.sh tls-dir)"; \
	   else echo "could not start PostgreSQL (needs root or sudo): running the SQLite tests only"; fi; \
	 fi; \
	 echo "PostgreSQL for tests: $${SKYPORT_TEST_POSTGRES_URL:-none (SQLite only)}"; \
	 swift test && $(MAKE) --no-print-directory e2e

## End to end: the web site in headless Chromium (Selenium): search, pay, retrieve, cancel at
## 360x740 in Korean and 1280x800 in English, then an operator on the command center at 1280x800 and
## 1920x1080 (screenshots of every step go to $(E2E_SCREENSHOTS)), every page audited by axe-core for WCAG 2.1
## A and AA; the customer data platform with
## Segment's and RudderStack's Python clients (gzip on); the API fuzzer (schemathesis over openapi.json, every
## check); SIGKILLs under order and event load losing nothing acknowledged (SQLite, and PostgreSQL when set); a
## real Prometheus server scraping Skyport; and the modules split over two processes on PostgreSQL (when
## SKYPORT_TEST_POSTGRES_URL is set).
e2e: e2e-deps
	swift build --product skyport
	E2E_SCREENSHOTS="$(E2E_SCREENSHOTS)" python3 Tests/EndToEnd/site_e2e.py
	python3 Tests/EndToEnd/cdp_client_e2e.py
	python3 Tests/EndToEnd/fuzz_e2e.py
	python3 Tests/EndToEnd/crash_e2e.py
	python3 Tests/EndToEnd/prometheus_e2e.py
	python3 Tests/EndToEnd/split_services_e2e.py

## Chromium, its driver, a Korean font, Prometheus and Selenium, when missing.
e2e-deps:
	@missing=""; \
	 command -v chromium >/dev/null || missing="$$missing chromium"; \
	 command -v prometheus >/dev/null || missing="$$missing prometheus"; \
	 command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	 fc-list 2>/dev/null | grep -qi nanum || missing="$$missing fonts-nanum"; \
	 if [ -n "$$missing" ]; then \
	   echo "installing$$missing"; \
	   if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	   else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	 fi
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium || python3 -m pip install -q --break-system-packages selenium
	@python3 -c "import axe_selenium_python" 2>/dev/null || python3 -m pip install -q axe-selenium-python || python3 -m pip install -q --break-system-packages axe-selenium-python
	@python3 -c "import axe_core_python" 2>/dev/null || python3 -m pip install -q axe-core-python==0.1.0 || python3 -m pip install -q --break-system-packages axe-core-python==0.1.0
	@python3 -c "import segment.analytics" 2>/dev/null || python3 -m pip install -q segment-analytics-python || python3 -m pip install -q --break-system-packages segment-analytics-python
	@command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis || python3 -m pip install -q --break-system-packages schemathesis
	@python3 -c "import rudderstack.analytics" 2>/dev/null || python3 -m pip install -q rudder-sdk-python || python3 -m pip install -q --break-system-packages rudder-sdk-python
	@python3 -c "import zxingcpp" 2>/dev/null || python3 -m pip install -q zxing-cpp || python3 -m pip install -q --break-system-packages zxing-cpp
	@python3 -c "import PIL" 2>/dev/null || python3 -m pip install -q pillow || python3 -m pip install -q --break-system-packages pillow

## The project's own code compiles without warnings (dependencies' warnings are theirs).
check-warnings:
	@swift build --build-tests 2>&1 | tee .build-log.txt | grep -E "error|warning: .*(Sources|Tests|Benchmarks)/" || true
	@if grep -qE "^$(CURDIR)/(Sources|Tests|Benchmarks)/.*(warning|error):" .build-log.txt; then echo "warnings or errors in Skyport's code"; exit 1; fi
	@rm -f .build-log.txt

## The deployment files without a cluster: Kustomize overlays render and validate against the Kubernetes
## schemas, the Dockerfile builds with the same commands as `make`, the Prometheus rules load and pass their tests.
deploy-check: deploy-deps
	@scripts/ci/deploy-check.sh

## kubectl (for kustomize), promtool (Debian's prometheus) and kubernetes-validate, when missing.
deploy-deps:
	@command -v kubectl >/dev/null || { echo "kubectl is needed to render deploy/k8s (https://kubernetes.io/docs/tasks/tools/)"; exit 1; }
	@if ! command -v promtool >/dev/null; then \
	   if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null; \
	   else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null; fi; \
	 fi
	@python3 -c "import kubernetes_validate" 2>/dev/null || python3 -m pip install -q kubernetes-validate || python3 -m pip install -q --break-system-packages kubernetes-validate

## Writes deploy/prometheus/skyport-rules.yml again from config/monitoring.json (a test fails while they differ).
prometheus-rules:
	swift build --product skyport
	.build/debug/skyport alerts prometheus-rules config/monitoring.json > deploy/prometheus/skyport-rules.yml

## The OpenAPI document is valid OpenAPI 3.1.
openapi-lint:
	@python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install -q openapi-spec-validator || python3 -m pip install -q --break-system-packages openapi-spec-validator
	@python3 -c "import json; from openapi_spec_validator import validate; validate(json.load(open('Sources/SkyportHTTP/Resources/openapi.json'))); print('openapi.json: valid OpenAPI 3.1')"

## Benchmarks (see BENCHMARKS.md): search and order creation on SQLite and PostgreSQL, the web
## pages' server time, transfer size and largest contentful paint, then the delay model's training,
## serving and batch scoring, the customer data platform's event collection, and operations (from one weather
## observation to 1,000 passengers' notifications queued).
bench: release
	scripts/bench/run.sh
	scripts/bench/web.sh
	scripts/bench/ml.sh
	scripts/bench/cdp.sh
	scripts/bench/operations.sh
	scripts/bench/ops.sh
	scripts/bench/accounting.sh

clean:
	rm -rf .build
