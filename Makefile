# Two commands do everything on a fresh Debian machine:
#   make run    installs what is missing, builds release, opens the dashboard
#   make test   installs what is missing, runs the whole test suite
DEBS := pkg-config libncursesw5-dev libopenblas-dev zlib1g-dev dataset-fashion-mnist tmux
ARGS ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build release deps presets bench

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null \
	    || echo "warning: could not install$$missing; tests that need them will say so"; \
	fi
	@python3 -c "import safetensors, numpy" 2>/dev/null || python3 -m pip install -q safetensors numpy 2>/dev/null \
	  || echo "warning: could not pip install safetensors; the Python interop test will be skipped"

release: deps
	swift build -c release --product nntui

build: deps
	swift build

run: release
	.build/release/nntui $(ARGS)

test: deps
	swift build
	swift test

bench: release
	.build/release/nntui bench --preset fashion-mnist

presets:
	scripts/embed-presets.sh
