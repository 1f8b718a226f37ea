# drillbook's vocabulary. Every target bootstraps .venv from the lock file when needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
# Material prints a banner about MkDocs 2.0; silencing it the documented way keeps --strict meaningful.
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv serve build build-offline test lint format schema lock bench clean screenshots golden

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $(STAMP)

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
	PDF_REQUIRED=$(PDF_REQUIRED) $(BIN)/python -m macros.pdf site.tmp
	rm -rf site && mv site.tmp site

# A copy to open from disk (site-offline/index.html) with working search, links and timer:
# Material's offline plugin, switched on by OFFLINE (mkdocs.yml). No service worker here.
build-offline: $(STAMP)
	rm -rf site-offline.tmp
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline.tmp
	PDF_REQUIRED=$(PDF_REQUIRED) $(BIN)/python -m macros.pdf site-offline.tmp
	rm -rf site-offline && mv site-offline.tmp site-offline

# puppeteer-core for the Firefox smoke suite, from its lock; no browser download (Firefox is
# Debian's firefox-esr). npm ci rewrites node_modules/.package-lock.json, so this reruns only
# when the lock changes.
ENGINES := tests/browser/engines
$(ENGINES)/node_modules/.package-lock.json: $(ENGINES)/package-lock.json
	cd $(ENGINES) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

test: $(STAMP) $(ENGINES)/node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node --test tests/js/
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: $(STAMP)
	$(BIN)/python -m macros.schema

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --quiet -o requirements.txt requirements.in

# Retake the README's timer and figure screenshots with the browser tests' Chromium.
screenshots: $(STAMP)
	DRILLBOOK_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser/test_timer.py tests/browser/test_figures.py -k screenshot

# Rewrite tests/golden/*.svg from the drills' first key positions; review the diff, then commit.
golden: $(STAMP)
	DRILLBOOK_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_figures.py -k golden

# Numbers, not pass/fail: Lighthouse, page weight, timer accuracy and build scaling.
# Lighthouse comes from bench/package-lock.json into bench/node_modules (ignored).
bench: $(STAMP)
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m bench.run

clean:
	rm -rf site site.tmp site-offline site-offline.tmp .pytest_cache .hypothesis
