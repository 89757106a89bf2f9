# Two commands on a fresh machine: `make run` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

# `make run-scaled`: Redis + Celery workers + gunicorn (scripts/run-scaled.sh).
.PHONY: install run run-scaled test test-fast test-scale lint typecheck bench train-measure clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	# torch==2.13.0 is pinned in pyproject: pip takes the CPU wheel that lies on disk.
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/fitsvc serve --host $(HOST) --port $(PORT)

run-scaled: install
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) scripts/run-scaled.sh

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

test-scale: install
	$(BIN)/python -m pytest -m scale

lint: install
	$(BIN)/ruff check fitsvc pattern tests bench

typecheck: install
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/measure_ansur.py
	$(BIN)/python bench/scan_latency.py

train-measure: install
	$(BIN)/fitsvc train-measure --ansur ../shared/data/ansur2

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .mypy_cache .ruff_cache
