# The two commands: `make run` and `make test`. Each builds or reuses .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint format bench geo datapackage messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m bench

geo: $(STAMP)
	$(BIN)/python geo/build.py

datapackage: $(STAMP)
	$(BIN)/python -m territory datapackage

# Interface strings for translators (gettext); translations go in locales/<lang>/LC_MESSAGES.
messages:
	xgettext --language=Python --keyword=_ --from-code=UTF-8 --package-name=claimed-ground \
		--output=locales/claimed_ground.pot app.py ui.py pages/*.py territory/*.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
