# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The embedded run: SQLite, in-memory channel layer, Celery tasks in-process; plain HTTP on loopback.
RUN_ENV := DEBUG=true SECURE_SSL_REDIRECT=false SECURE_COOKIES=false HF_HUB_OFFLINE=1 HF_HUB_DISABLE_PROGRESS_BARS=1
PYTEST_ARGS ?=

.PHONY: install run test lint format migrate demo bench clean

install: $(VENV)/.installed

# torch first and pinned: its CPU build lies on the machines' disk; anything looser pulls CUDA (GBs).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

migrate: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py seed_demo

run: demo
	@echo "Pathways at http://127.0.0.1:8000  (admin: /admin/, API docs: /api/docs/)"
	$(RUN_ENV) $(BIN)/daphne -b 127.0.0.1 -p 8000 backend.asgi:application

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# DB_POOL=false for the test process only: async tests run database calls on throwaway executor
# threads that keep their pooled connection until the pool (20) runs dry. The daphne and Celery
# processes the tests start use the pool, as shipped (tests/servers.py).
test: lint
	DB_POOL=false HF_HUB_OFFLINE=1 HF_HUB_DISABLE_PROGRESS_BARS=1 $(BIN)/pytest $(PYTEST_ARGS)

bench: install
	HF_HUB_OFFLINE=1 $(BIN)/python bench/bench_encoding.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/bench_query.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
