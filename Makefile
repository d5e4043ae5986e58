# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck unit bench screenshot screenshots clean translations

# The interface's catalogues: .ts kept in git, compiled to .qm (ignored by git) at set-up.
LANGS := da de en fi it nl pl
TS := $(foreach lang,$(LANGS),resources/translations/vipdesk_$(lang).ts)
QM := $(TS:.ts=.qm)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "vipdesk needs Python 3.11 or newer (found $$($(PYTHON) --version))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

## Refresh the catalogues from the source after interface texts changed (then translate the
## new entries: tests/ui/test_catalogues.py lists what is unfinished).
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -silent -no-obsolete -locations none \
		$$(find vipdesk/ui -name '*.py' | sort) -ts $(TS)

## Open the app on the demo database (created with sample data on first use).
run: $(STAMP) $(QM)
	$(BIN)/vipdesk --demo

## Every check: lint, format, types, tests.
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(QM)
	$(BIN)/pytest -n 2 -q

## Speed figures (print, do not assert): records and the work list at 100,000 placements,
## agreement PDFs, every report (against openpyxl's and XlsxWriter's bare writing of the same
## rows; on PostgreSQL too when VIPDESK_TEST_POSTGRES_URL is set), spreadsheet import, the
## monitoring log, and building, queueing and sending 500 e-mail reminders.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_records.py
	$(BIN)/python benchmarks/bench_worklist.py
	$(BIN)/python benchmarks/bench_agreement.py
	$(BIN)/python benchmarks/bench_spreadsheets.py
	$(BIN)/python benchmarks/bench_monitoring.py --database bench-data/bench-100000.sqlite3
	$(BIN)/python benchmarks/bench_mail.py

## The README screenshot, rendered offscreen from demo data.
screenshot: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/vipdesk --database sqlite:///$(CURDIR)/.screenshot.sqlite3 demo --placements 300 --seed 7
	QT_QPA_PLATFORM=offscreen $(BIN)/vipdesk --database sqlite:///$(CURDIR)/.screenshot.sqlite3 --screenshot docs/screenshot.png
	rm -f .screenshot.sqlite3*

## Every screenshot of the README and the user guide (in each language), rendered offscreen
## from a fresh demo.
screenshots: $(STAMP) $(QM)
	$(BIN)/python docs/make_screenshots.py
	$(BIN)/python docs/make_language_screenshot.py de --readme
	for lang in $(filter-out en de,$(LANGS)); do \
		$(BIN)/python docs/make_language_screenshot.py $$lang || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist $(QM)

## A frozen vipdesk that runs without Python, in dist/vipdesk/, checked; and build/vipdesk.iss,
## the Windows installer script (compile it on Windows with Inno Setup: iscc build\vipdesk.iss).
# PyInstaller builds the bundle but is not a dependency of vipdesk, so it is installed here only.
PYINSTALLER := pyinstaller>=6.10,<7
.PHONY: dist
dist: $(STAMP) $(QM)
	$(BIN)/python -m pip install --quiet '$(PYINSTALLER)'
	$(BIN)/python installer/make_icons.py --check
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller installer/vipdesk.spec
	$(BIN)/python installer/fill_template.py
	$(BIN)/python installer/check_frozen.py dist/vipdesk
