# Chỉ Tiêu: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DEBUG=1

.PHONY: run test lint bench messages prod-check

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	@$(BIN)/pip install -q --disable-pip-version-check -e ".[dev]"
	@touch $@

run: $(BIN)/.installed
	@scripts/ensure-system
	@$(DEV_ENV) $(BIN)/chitieu migrate --noinput -v0
	@$(DEV_ENV) $(BIN)/chitieu load_units
	@$(DEV_ENV) $(BIN)/chitieu load_demo
	@echo ""
	@echo "Chỉ Tiêu: http://127.0.0.1:$(PORT)/"
	@$(DEV_ENV) $(BIN)/chitieu runserver --noreload 127.0.0.1:$(PORT)

test: $(BIN)/.installed
	@scripts/ensure-system --browser
	@$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy chitieu config
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/test-pure-cores

bench: $(BIN)/.installed
	@$(BIN)/python -m bench

messages: $(BIN)/.installed
	cd chitieu && $(DEV_ENV) ../$(BIN)/chitieu makemessages -l vi -l en --no-obsolete --no-location
	cd chitieu && $(DEV_ENV) ../$(BIN)/chitieu compilemessages

prod-check: $(BIN)/.installed
	@scripts/ensure-system
	@scripts/prod-check
