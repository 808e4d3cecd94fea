# Two commands for a fresh machine with Python 3.11 and the package registries:
#   make run   - install the pinned requirements into .venv and start the dashboard on 127.0.0.1
#   make test  - install test requirements and system packages (chromium, tesseract, postgresql, java), run every test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
SYSTEM_PACKAGES := chromium tesseract-ocr tesseract-ocr-eng postgresql poppler-utils default-jre-headless

.PHONY: run test venv dev-venv system-deps lint check-structure build bench briefing clean

$(VENV)/.run-installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.run-installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.run-installed
dev-venv: $(VENV)/.dev-installed

# python -m incidents serve: streamlit run dashboard.py on 127.0.0.1, plus one warm-up run of the overview
run: venv
	$(PY) -m incidents serve --port $(PORT)

# Debian packages the browser, OCR, PostgreSQL and Spark tests need; installed only when missing.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: dev-venv
	$(PY) -m ruff check .

# function and page lengths, import cycles, where streamlit is imported, one boundaries reader, one resolver
check-structure: venv
	$(PY) scripts/check_structure.py .

# the structure limits are enforced by tests/unit/test_structure.py (make check-structure prints every finding)
test: dev-venv system-deps
	$(PY) -m ruff check .
	$(PY) -m pytest

build: venv
	$(PY) -m incidents build

bench: dev-venv system-deps
	$(PY) -m incidents bench

briefing: venv system-deps
	$(PY) -m incidents briefing --out docs/briefing.png

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
