# Konzeptassistent – the two commands of the README, plus bench and package.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,package]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m desktop --example

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) packaging/bench.py

package: $(STAMP)
	$(PY) packaging/build.py

clean:
	rm -rf build dist .pytest_cache
