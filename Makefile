# Quick start: `make serve` or `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install build serve test check clean bench

install: $(STAMP)

$(STAMP): pyproject.toml requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Built beside site/ and swapped in only when the whole strict build succeeded.
build: $(STAMP)
	$(BIN)/python -m vanban.publish site -- $(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/vanban check

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site .site-new-* .site-old .pytest_cache

# Measurements, not tests: search bytes for the first query on 1,000 notices vs Material's index.
bench: $(STAMP)
	$(BIN)/python bench/search_bytes.py 1000
