# Two commands do all the set-up on a fresh machine:
#   make run    install into .venv and start the service on http://127.0.0.1:8000 with the shipped rules
#   make test   install into .venv (with test extras and system packages) and run the whole test suite
.PHONY: run test bench lint

run:
	scripts/setup.sh
	.venv/bin/cleaner serve --host 127.0.0.1 --port $${PORT:-8000}

test:
	scripts/setup.sh dev
	scripts/system-deps.sh
	.venv/bin/python -m pytest $(PYTEST_ARGS)

bench:
	scripts/setup.sh dev
	.venv/bin/cleaner bench $(BENCH_ARGS)
