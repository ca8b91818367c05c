# task-history: `make demo`, `make test`, `make bench`, `make lint`.
# Each part of the product keeps its own targets in mk/*.mk; `make test` names its suites here.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

MOCK_ADDR ?= 127.0.0.1:8090
PROXY_ADDR ?= 127.0.0.1:8080
MOCK_API_KEY ?= demo-mock-key

include mk/widget.mk mk/package.mk mk/proxy.mk mk/e2e.mk mk/bench.mk mk/fuzz.mk

.PHONY: help demo mock test bench lint test-native demo-binaries
help:
	@echo "make demo   build and serve the demo (mock on $(MOCK_ADDR), proxy on $(PROXY_ADDR))"
	@echo "make test   install what is missing and run every test (what CI runs)"
	@echo "make bench  the performance report"
	@echo "make lint   rustfmt check and clippy -D warnings"
	@echo "make fuzz   the property tests with 100x their cases (not part of make test)"

demo: demo-binaries demo-dist
	MOCK_ADDR=$(MOCK_ADDR) PROXY_ADDR=$(PROXY_ADDR) MOCK_API_KEY=$(MOCK_API_KEY) scripts/demo.sh

demo-binaries:
	cargo build --release -p task-history-mock -p task-history-proxy

mock:
	cargo run --release -p task-history-mock -- --addr $(MOCK_ADDR) --api-key $(MOCK_API_KEY)

# Every suite, cheapest first, one after another (the README lists the same order): format and
# lints (native, then wasm32), native tests, the bench's own tests, nginx, the element in
# Chromium, the npm package in fresh host projects, end-to-end.
TEST_SUITES := lint lint-widget test-native test-bench test-proxy-nginx test-widget-browser test-package test-e2e

test:
	@for suite in $(TEST_SUITES); do \
	  echo "== make $$suite"; \
	  $(MAKE) --no-print-directory $$suite || exit 1; \
	done
	@echo "make test: all test suites passed"

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

test-native:
	cargo test --workspace
