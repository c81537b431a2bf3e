# Two commands do everything on a fresh machine:
#   make run    set up, then check examples/ and write report.html and report.json
#   make test   set up, then run the whole test suite
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run test docs catalogue clean

setup:
	@scripts/setup.sh

run: setup
	@$(BIN)/inclusicheck check examples/ --config examples/inclusicheck.toml --report html:report.html --report json:report.json; status=$$?; \
	echo "Rapports écrits : report.html (à ouvrir dans un navigateur) et report.json (code de sortie $$status)"; \
	[ $$status -le 1 ]

test: setup
	@$(BIN)/python -m pytest -q

docs: setup
	@$(BIN)/python -m inclusicheck.packs.docs && echo "docs/rules.md and the README rule table regenerated"

catalogue: setup
	@$(BIN)/python scripts/catalogue.py

clean:
	rm -rf $(VENV) report.html report.json .pytest_cache build *.egg-info
