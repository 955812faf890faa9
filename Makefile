# Konzeptassistent – the two commands of the README, plus bench and package.
# CPython 3.12 is what we ship: PySide6 6.12 on 3.11 loses a reference to None/True/False per
# signal and aborts (see README, „Für die IT“). Prefer 3.12, also found in pyenv's folder.
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3 python3.13 $$HOME/.pyenv/versions/3.13*/bin/python3 python3; do \
  $$p -c 'import sys; sys.exit(not (3, 12) <= sys.version_info[:2] < (3, 14))' >/dev/null 2>&1 && { echo $$p; exit 0; }; done; echo python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench package clean

$(STAMP): pyproject.toml packaging/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c packaging/constraints.txt -e ".[test,package]"
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
