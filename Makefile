# The two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: site teacher offline test lint typecheck pytest serve validate golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# axe-core (accessibility checks in the browser tests) comes from npm, pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the accessibility tests will be skipped (they need Node.js)"; \
	fi

## site: set up, validate content/, generate the Markdown and build site/ (strict)
site: $(STAMP)
	$(PY) -m generator build

## teacher: the teacher edition in site-teacher/, teacher-only material included (do not publish it)
teacher: $(STAMP)
	$(PY) -m generator build --edition teacher

## offline: a site that works from a folder or USB stick, in site-offline/ and site-offline.zip
offline: $(STAMP)
	$(PY) -m generator build --offline --zip

## validate: check every film without writing anything
validate: $(STAMP)
	$(PY) -m generator validate

## serve: preview the site at http://127.0.0.1:8000/film-study-guides/; saving a YAML file updates it
serve: $(STAMP)
	$(PY) -m generator serve

## test: set up and run every check (ruff, mypy, pytest)
test: lint typecheck pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy

pytest: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest

## golden: rewrite the golden Markdown after an intended change to the output
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_golden.py

clean:
	rm -rf site site-teacher site-offline site-teacher-offline site-*.zip docs/films $(VENV) node_modules
