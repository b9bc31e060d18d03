# Finsök — the two commands a newcomer needs: `make run` and `make test`.
# The virtualenv's interpreter: Debian's python3 when it is 3.11 or newer and can make a venv,
# else the first python3 on PATH; `make PYTHON=...` chooses another. Debian builds its python3
# with profile-guided and link-time optimisation and links it statically, which a plain source
# build (pyenv's default) does not: indexing takes about 13 % less CPU and the test suite a tenth
# less time with it (docs/speed.md). An existing .venv is kept: `make clean` to switch.
PYTHON ?= $(shell /usr/bin/python3 -c 'import ensurepip, sys; assert sys.version_info >= (3, 11)' \
            2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE := data/sample
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run parse-sample index-sample test lint format bench clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

# Parse the sample corpus and print a one-line summary per file.
parse-sample: install
	@for f in $(SAMPLE)/*; do \
	  $(BIN)/finsok parse "$$f" | head -1 | sed "s|^|$$(basename $$f): |"; \
	done

# Index the sample corpus into the default index (data/index), incrementally: a second run skips
# unchanged files, and documents indexed from elsewhere (a crawl, your own folders) stay.
index-sample: install
	$(BIN)/finsok index $(SAMPLE)

# Install, index the sample corpus and serve Finsök at http://$(HOST):$(PORT) (default
# 127.0.0.1:8000; `make run PORT=8001` when that port is taken).
run: index-sample
	$(BIN)/finsok serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/pytest

# The benchmark (not part of make test): ingest, in-process queries and a Whoosh baseline on a
# generated 150 MB corpus, then HTTP latency and load with wrk (apt-get install wrk), then
# pathological inputs timed at two sizes (fails if one grows super-linearly: docs/robustness.md).
bench: install
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.http
	$(BIN)/python -m bench.pathological


# The index (data/index) and the crawler's archive (data/archive) are the user's: kept.
clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
