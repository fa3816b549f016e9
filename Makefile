# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench lint setup system-run system-test clean dist deb

run: system-run $(STAMP)
	$(BIN)/visitapp $(ARGS)

test: system-test $(STAMP) lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: system-test $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: $(STAMP)

system-run:
	@scripts/system-deps.sh run

system-test:
	@scripts/system-deps.sh test

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,server]'
	@touch $(STAMP)

# The installers (installers/README.md). `dist`: this platform's PyInstaller bundle in dist/visitapp;
# `deb`: the Debian package from it in dist/. PyInstaller is installed into .venv on first use.
dist: system-test $(STAMP)
	$(BIN)/python installers/build.py --dist dist --work build

deb: dist
	$(BIN)/python installers/linux/build_deb.py --bundle dist/visitapp --icons build/icons --out dist

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
