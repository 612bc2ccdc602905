# Two commands a reader needs (see README): `make serve` and `make test`.
# Everything else builds on the same virtual environment, made from requirements.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv build serve test lint linkcheck clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

## build: check sources, build with `mkdocs build --strict`, check the HTML, replace site/
build: $(STAMP)
	$(BIN)/python -m scripts.build

## serve: build with all checks, then serve with live reload at http://127.0.0.1:8000/
serve: build
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## test: the whole test suite (what CI runs)
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: ruff on our Python
lint: $(STAMP)
	$(BIN)/ruff check scripts tests

## linkcheck: build, then resolve every external URL and DOI online (not in CI)
linkcheck: $(STAMP)
	$(BIN)/python -m scripts.build --online

clean:
	rm -rf site .site-* .pytest_cache .ruff_cache
