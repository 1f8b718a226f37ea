# drillbook's vocabulary. Every target bootstraps .venv from the lock file when needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
# Biome (JavaScript lint and format) from tests/js/package-lock.json into tests/js/node_modules
# (ignored); its stamp works as the venv's: reinstall when the lock changes or nothing is there.
JS_TOOLS := tests/js
BIOME := $(JS_TOOLS)/node_modules/.bin/biome
JS_STAMP := $(JS_TOOLS)/node_modules/.installed-from-lock
# Material prints a banner about MkDocs 2.0; silencing it the documented way keeps --strict meaningful.
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv serve build build-offline build-properdocs test test-fast lint format schema lock bench clean screenshots golden

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

$(JS_STAMP): $(JS_TOOLS)/package.json $(JS_TOOLS)/package-lock.json
	cd $(JS_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $(JS_STAMP)

venv: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Build into a temporary folder and swap it in only on success: a failed build publishes nothing.
# The PDF sheets are printed into site.tmp too; without Chromium they are skipped with a note,
# unless PDF_REQUIRED=1 (CI and the Pages workflow) makes that an error.
PDF_REQUIRED ?=
build: $(STAMP)
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --site-dir site.tmp
	PDF_REQUIRED=$(PDF_REQUIRED) $(BIN)/python -m macros.postbuild.pdf site.tmp
	rm -rf site && mv site.tmp site

# A copy to open from disk (site-offline/index.html) with working search, links and timer:
# Material's offline plugin, switched on by OFFLINE (mkdocs.yml). No service worker here.
build-offline: $(STAMP)
	rm -rf site-offline.tmp
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline.tmp
	PDF_REQUIRED=$(PDF_REQUIRED) $(BIN)/python -m macros.postbuild.pdf site-offline.tmp
	rm -rf site-offline && mv site-offline.tmp site-offline

# The same site built by ProperDocs, the maintained fork of MkDocs 1.x, from the same mkdocs.yml,
# into site-properdocs/ (not published). tests/test_properdocs.py checks that it matches MkDocs'.
build-properdocs: $(STAMP)
	rm -rf site-properdocs.tmp
	$(BIN)/properdocs build --strict --site-dir site-properdocs.tmp
	PDF_REQUIRED=$(PDF_REQUIRED) $(BIN)/python -m macros.postbuild.pdf site-properdocs.tmp
	rm -rf site-properdocs && mv site-properdocs.tmp site-properdocs

# puppeteer-core for the Firefox smoke suite, from its lock; no browser download (Firefox is
# Debian's firefox-esr). npm ci rewrites node_modules/.package-lock.json, so this reruns only
# when the lock changes.
ENGINES := tests/browser/engines
$(ENGINES)/node_modules/.package-lock.json: $(ENGINES)/package-lock.json
	cd $(ENGINES) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

# Everything: lint, the timer engine's unit tests, then the whole pytest suite (both tiers).
test: lint $(ENGINES)/node_modules/.package-lock.json
	node --test tests/js/
	$(BIN)/python -m pytest

# The fast tier: no browser (runs on a machine without Chromium), well under a minute.
test-fast: lint
	node --test tests/js/
	$(BIN)/python -m pytest -m "not browser"

# Python with ruff, then JavaScript with Biome: lint rules and formatting, checked, not changed.
# Biome's files are the ones biome.jsonc includes (docs/assets/ but vendor/, tests/js/*.mjs).
lint: $(STAMP) $(JS_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIOME) check --error-on-warnings

# The same tools, applying their formatting and safe fixes; Biome still reports what needs a
# person (its unsafe fixes, such as == to ===, can change meaning).
format: $(STAMP) $(JS_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIOME) check --write

schema: $(STAMP)
	$(BIN)/python -m macros.data.schema

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --quiet -o requirements.txt requirements.in

# Retake the README's screenshots with the browser tests' Chromium (a script, not a test).
screenshots: $(STAMP)
	$(BIN)/python -m tests.screenshots

# Rewrite tests/golden/*.svg from the drills' first key positions; review the diff, then commit.
golden: $(STAMP)
	DRILLBOOK_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_figures.py -k golden

# Numbers, not pass/fail: Lighthouse, page weight, timer accuracy and build scaling.
# Lighthouse comes from bench/package-lock.json into bench/node_modules (ignored).
bench: $(STAMP)
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m bench.run

clean:
	rm -rf site site.tmp site-offline site-offline.tmp site-properdocs site-properdocs.tmp .pytest_cache .hypothesis
