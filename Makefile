# OpenBuurt developer commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DATA_DIR ?= $(CURDIR)/var
CHROMIUM ?= /usr/bin/chromium
# Static checks import the settings, which refuse to start without a secret; this one is never used to sign anything.
CHECK_ENV := OPENBUURT_SECRET_KEY=static-checks-only-0123456789abcdefghijklmnop OPENBUURT_DATA_DIR=$(CURDIR)/var/check

.PHONY: help install run demo test test-fast check fmt bench browser-deps messages clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "OpenBuurt needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install OpenBuurt with its development tools

$(DATA_DIR)/secret_key:
	@mkdir -p $(DATA_DIR)
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(48))' > $@
	@chmod 600 $@

run: $(STAMP) $(DATA_DIR)/secret_key ## Set up and start OpenBuurt with the demo municipality on http://127.0.0.1:$(PORT)
	@PORT=$(PORT) DATA_DIR=$(DATA_DIR) BIN=$(BIN) bin/run-demo

demo: $(STAMP) $(DATA_DIR)/secret_key ## Migrate and load the demo municipality without starting servers
	@OPENBUURT_SECRET_KEY=$$(cat $(DATA_DIR)/secret_key) OPENBUURT_DATA_DIR=$(DATA_DIR) $(BIN)/openbuurt migrate --no-input
	@OPENBUURT_SECRET_KEY=$$(cat $(DATA_DIR)/secret_key) OPENBUURT_DATA_DIR=$(DATA_DIR) $(BIN)/openbuurt load-demo

browser-deps: ## Install Debian's Chromium for the browser tests when it is missing (needs root)
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; \
	fi

test: $(STAMP) browser-deps ## Run the whole test suite (SQLite; DATABASE_URL/REDIS_URL switch to real servers)
	$(BIN)/pytest -n 2 --dist loadgroup

test-fast: $(STAMP) ## Run the tests without the browser tests
	$(BIN)/pytest -n 2 -m "not browser"

check: $(STAMP) ## Lint, format check, strict types, import layering, migrations and config docs
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(CHECK_ENV) $(BIN)/mypy src tests
	$(CHECK_ENV) $(BIN)/lint-imports
	$(CHECK_ENV) $(BIN)/openbuurt makemigrations --check --dry-run
	$(CHECK_ENV) $(BIN)/openbuurt config-docs --check

fmt: $(STAMP) ## Format the code and fix what ruff can
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests

messages: $(STAMP) ## Update and compile the Dutch and English translations
	cd src/openbuurt && $(CHECK_ENV) ../../$(BIN)/openbuurt makemessages -l nl -l en --no-obsolete && $(CHECK_ENV) ../../$(BIN)/openbuurt compilemessages

bench: $(STAMP) ## Run the benchmarks and write docs/benchmarks.md (BENCH_ARGS="--quick" or "--only open311")
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
