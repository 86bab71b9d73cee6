# Two commands for a fresh machine (Python 3.11+): `make run` and `make test` (`make admin` once for Cài đặt).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/streamlit: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(BIN)/streamlit requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

.PHONY: run admin test test-fast lint format bench check
run: $(BIN)/streamlit  ## install and open the app on the embedded workbook
	$(BIN)/streamlit run app.py

admin: $(BIN)/streamlit  ## first run: an admin passcode for this machine (Cài đặt), kept in .streamlit/secrets.toml
	$(BIN)/python -m cli admin-passcode

test: $(VENV)/.dev  ## lint + types + the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy  # scope and strictness: [tool.mypy] in pyproject.toml
	$(BIN)/python -m pytest

test-fast: $(VENV)/.dev  ## lint + the fast layer: unit tests without the slow ones (CI runs `make test`)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests/unit -m "not slow" -n auto --dist loadfile  # one worker per core; a module's tests stay together (its fixtures are built once)

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(BIN)/streamlit  ## data problems in the configured backend
	$(BIN)/python -m cli check

bench: $(VENV)/.dev  ## performance table (not part of the tests)
	$(BIN)/python -m benchmarks
