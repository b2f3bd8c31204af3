# Quick start: `make serve` or `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install build serve test check clean bench screenshots

install: $(STAMP)

$(STAMP): pyproject.toml requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Built beside site/ and swapped in only when the whole strict build succeeded.
build: $(STAMP)
	$(BIN)/python -m vanban.machine.publish site -- $(BIN)/mkdocs build --strict

# make serve PORT=8001 when 8000 is taken. --dirty: after an edit, only the pages that change are
# rendered again (hooks/archive.py decides which; a test compares the result with a clean build).
PORT ?= 8000
serve: $(STAMP)
	@$(BIN)/python -m vanban.tools.port 127.0.0.1 $(PORT)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

check: $(STAMP)
	$(BIN)/vanban check

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site .site-new-* .site-old .pytest_cache

# Measurements, not tests: cold builds of N generated notices against bare Material (make bench
# N=1000 for one size); the first search on 1,000 and 10,000 notices (bytes, requests, time to
# results, index size) vs Material's index;
# vanban check of the sample archive (a pre-commit hook: well under a second).
bench: $(STAMP)
	cd bench && ../$(BIN)/python build_cost.py $(or $(N),100 1000 10000)
	cd bench && ../$(BIN)/python serve_edit.py 1000
	$(BIN)/python bench/search_bytes.py 1000 10000
	$(BIN)/python bench/check_time.py

# The README's pictures, from a real build of the sample archive (needs Chromium and pdftoppm).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py
