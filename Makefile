# Two commands do everything on a fresh Debian machine:
#   make run    installs what is missing, builds release, opens the dashboard
#   make test   installs what is missing, runs the whole test suite
DEBS := pkg-config libncursesw5-dev ncurses-term libopenblas-dev zlib1g-dev dataset-fashion-mnist tmux
ARGS ?=
# the commit `nntui --version` names (the same flags for every build, so none rebuilds another's)
COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
SWIFTFLAGS := -Xcc -DNNTUI_COMMIT='"$(COMMIT)"'
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The Python side (PyTorch export, interop tests) lives in an ignored virtual
# environment. torch is a CPU build from the machine's local wheel folder when it has
# one for this Python (cp311, cp312, ...), else torch from the package index, which on
# Linux is large (it brings CUDA libraries): README says how to ask for the CPU build.
VENV := .venv
PYTAG := $(shell python3 -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")' 2>/dev/null)
TORCH_WHEEL := $(firstword $(wildcard /opt/wheels/torch-*+cpu-$(PYTAG)-*.whl))
TORCH := $(if $(TORCH_WHEEL),$(TORCH_WHEEL),torch)

.PHONY: run test build release deps embed bench bench-env venv

# Debian's packages the build and the tests need; where they cannot be installed (no
# apt-get, no sudo, no network) it stops, naming them and the command to run.
deps:
	@command -v dpkg >/dev/null || { echo "make deps: not a Debian/Ubuntu system; install the equivalents of: $(DEBS)" >&2; exit 1; }; \
	missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; } \
	    || { echo "make deps: could not install$$missing; run: sudo apt-get install$$missing" >&2; exit 1; }; \
	fi

# The stamp names the package list's version: a changed list installs again.
VENV_READY := $(VENV)/.ready-2
$(VENV_READY):
	@python3 -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q "$(TORCH)" safetensors numpy pyflakes
	@touch $@

venv: $(VENV_READY)

# The benchmark environment: the peers (PyTorch, JAX with optax, numpy); never needed by make test.
.venv-bench/.ready:
	@python3 -m venv .venv-bench 2>/dev/null || { $(SUDO) apt-get install -y -qq python3-venv >/dev/null && python3 -m venv .venv-bench; }
	.venv-bench/bin/pip install -q "$(TORCH)" numpy jax optax threadpoolctl
	@touch $@

bench-env: .venv-bench/.ready

release: deps
	swift build -c release --product nntui $(SWIFTFLAGS)

build: deps
	swift build $(SWIFTFLAGS)

run: release
	.build/release/nntui $(ARGS)

# NNTUI_REQUIRE_PYTHON: the venv exists now, so the tests that need it must run
test: deps venv
	swift build $(SWIFTFLAGS)
	NNTUI_REQUIRE_PYTHON=1 swift test $(SWIFTFLAGS)

bench: release bench-env
	.venv-bench/bin/python benchmarks/run.py

embed:
	scripts/embed.sh
