# SafeLedger: `make run` serves the embedded demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint fmt bench fuzz clean translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/safeledger migrate
	$(BIN)/safeledger demo
	@echo "SafeLedger on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs)"
	$(BIN)/safeledger serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check safeledger tests migrations deploy
	$(BIN)/ruff format --check safeledger tests migrations deploy

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff format safeledger tests migrations deploy
	$(BIN)/ruff check --fix safeledger tests migrations deploy

# A longer campaign against the API's own OpenAPI document than the suite runs.
fuzz: $(VENV)/.installed-dev
	SAFELEDGER_FUZZ_EXAMPLES=$${SAFELEDGER_FUZZ_EXAMPLES:-200} $(BIN)/pytest tests/fuzz -q

bench: $(VENV)/.installed-dev
	for bench in tests/benchmarks/bench_*.py; do $(BIN)/python $$bench || exit 1; done

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache

# Extract the console's strings, merge them into the catalogues, compile them.
translations: $(VENV)/.installed-dev
	$(BIN)/pybabel extract -F safeledger/translations/babel.cfg -k _l -k lazy_gettext --no-location --sort-output --omit-header -o safeledger/translations/messages.pot .
	$(BIN)/pybabel update -i safeledger/translations/messages.pot -d safeledger/translations --omit-header
	$(BIN)/pybabel compile -f -d safeledger/translations
