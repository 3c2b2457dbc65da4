# Skyport: `make run` serves on http://localhost:8080 with the embedded SQLite database;
# `make test` runs every test on SQLite and PostgreSQL.
SHELL := /bin/bash
PORT ?= 8080
DATA_DIR ?= $(CURDIR)/data
RELEASE_BIN := .build/release/skyport

.PHONY: run build release test check-warnings openapi-lint bench deps clean

## Install what is missing, build, fetch and import the data set, and serve.
run: deps release
	@$(RELEASE_BIN) data fetch --data-dir "$(DATA_DIR)"
	@$(RELEASE_BIN) data import --data-dir "$(DATA_DIR)"
	@echo ""
	@echo "  Skyport is starting on http://localhost:$(PORT)  (Ctrl-C stops it)"
	@echo ""
	@SKYPORT_DATA_DIR="$(DATA_DIR)" $(RELEASE_BIN) serve --port $(PORT)

## System packages the build and the data fetch need.
deps:
	@command -v swift >/dev/null || { echo "Swift 6.2 or newer is needed: https://www.swift.org/install/linux/"; exit 1; }
	@missing=""; \
	 command -v python3 >/dev/null || missing="$$missing python3"; \
	 python3 -m pip --version >/dev/null 2>&1 || missing="$$missing python3-pip"; \
	 command -v tar >/dev/null || missing="$$missing tar"; \
	 if [ -n "$$missing" ]; then \
	   echo "installing$$missing"; \
	   if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	   else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	 fi

build:
	swift build

release:
	swift build -c release --product skyport

## Every test. PostgreSQL is started on loopback by scripts/ci/postgres.sh unless
## SKYPORT_TEST_POSTGRES_URL names one already (SKYPORT_TEST_SQLITE_ONLY=1 skips it).
test: check-warnings openapi-lint
	@if [ -z "$${SKYPORT_TEST_POSTGRES_URL:-}" ] && [ -z "$${SKYPORT_TEST_SQLITE_ONLY:-}" ]; then \
	   if url="$$(scripts/ci/postgres.sh start)"; then export SKYPORT_TEST_POSTGRES_URL="$$url"; \
	   else echo "could not start PostgreSQL (needs root or sudo): running the SQLite tests only"; fi; \
	 fi; \
	 echo "PostgreSQL for tests: $${SKYPORT_TEST_POSTGRES_URL:-none (SQLite only)}"; \
	 swift test

## The project's own code compiles without warnings (dependencies' warnings are theirs).
check-warnings:
	@swift build --build-tests 2>&1 | tee .build-log.txt | grep -E "error|warning: .*(Sources|Tests)/" || true
	@if grep -qE "^$(CURDIR)/(Sources|Tests)/.*(warning|error):" .build-log.txt; then echo "warnings or errors in Skyport's code"; exit 1; fi
	@rm -f .build-log.txt

## The OpenAPI document is valid OpenAPI 3.1.
openapi-lint:
	@python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install -q openapi-spec-validator || python3 -m pip install -q --break-system-packages openapi-spec-validator
	@python3 -c "import json; from openapi_spec_validator import validate; validate(json.load(open('Sources/SkyportHTTP/Resources/openapi.json'))); print('openapi.json: valid OpenAPI 3.1')"

## Benchmarks (see BENCHMARKS.md): search and order creation on SQLite and PostgreSQL.
bench: release
	scripts/bench/run.sh

clean:
	rm -rf .build
