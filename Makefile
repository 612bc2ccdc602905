# Two commands a reader needs (see README): `make serve` and `make test`.
# Everything else builds on the same virtual environment, made from requirements.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
# axe-core, vnu-jar and Lighthouse for the browser tests and the bench, pinned in package-lock.json.
NODE_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv node build serve test lint linkcheck bench screenshots pdf manifest figures clean

# The project's own package (scripts/) is installed in editable mode: one import root for the
# build, the hooks, the tools and the tests (see pyproject.toml).
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

# --ignore-scripts: vnu-jar's install script would download a Java runtime; we use the machine's.
# Without npm, the tests that need these packages say so in one line (and fail when CI=true).
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
	  echo "npm not found: install Node.js and npm for the accessibility and HTML checks"; \
	fi

node: $(NODE_STAMP)

## pdf: print the print edition to dist/ai-in-ir-print-edition.pdf with headless Chromium
pdf: build
	$(BIN)/python -m scripts.tools.pdf
	$(BIN)/python -m scripts.tools.pdf --lang zh

## figures: draw the PNG download of every figure in docs/figures/ with headless Chromium
figures: $(STAMP)
	$(BIN)/python -m scripts.tools.figures_png

## manifest: add new page addresses and anchors to tests/public-urls.txt
manifest: $(STAMP)
	$(BIN)/python -m scripts.tools.manifest

## build: check sources, build with `mkdocs build --strict`, check the HTML, replace site/
build: $(STAMP)
	$(BIN)/python -m scripts.build

## serve: build with all checks, then serve with live reload at http://127.0.0.1:8000/
serve: build
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## test: the whole test suite (what CI runs), browser tests included (see README, Development)
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/python -m pytest

## lint: ruff on our Python
lint: $(STAMP)
	$(BIN)/ruff check scripts tests

## linkcheck: build, then resolve every external URL and DOI online (not in CI)
linkcheck: $(STAMP)
	$(BIN)/python -m scripts.build --online

## bench: Lighthouse (mobile and desktop) on every page; writes reports/bench.md (not a test)
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m scripts.tools.bench

## screenshots: a desktop and a mobile PNG of every page in screenshots/ (ignored by git)
screenshots: $(STAMP)
	$(BIN)/python -m scripts.tools.screenshots

clean:
	rm -rf site .site-* .pytest_cache .ruff_cache
