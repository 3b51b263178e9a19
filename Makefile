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

.PHONY: run test build release deps format lint bench bench-seeds bench-env venv man completions install uninstall dist dist-check

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
VENV_READY := $(VENV)/.ready-4
$(VENV_READY):
	@python3 -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q "$(TORCH)" safetensors numpy pyflakes tensorboard "ray[tune]>=2.40"
	@touch $@

venv: $(VENV_READY)

# The benchmark environment: the peers (PyTorch, JAX with optax, numpy); never needed by make test.
.venv-bench/.ready:
	@python3 -m venv .venv-bench 2>/dev/null || { $(SUDO) apt-get install -y -qq python3-venv >/dev/null && python3 -m venv .venv-bench; }
	.venv-bench/bin/pip install -q "$(TORCH)" numpy jax optax threadpoolctl
	@touch $@

bench-env: .venv-bench/.ready

# the Swift runtime and Foundation linked in: the binary runs on a machine without Swift
release: deps
	swift build -c release --product nntui --static-swift-stdlib $(SWIFTFLAGS)

build: deps
	swift build $(SWIFTFLAGS)

run: release
	.build/release/nntui $(ARGS)

# NNTUI_REQUIRE_PYTHON: the venv exists now, so the tests that need it must run
test: deps venv lint
	swift build $(SWIFTFLAGS)
	NNTUI_REQUIRE_PYTHON=1 swift test $(SWIFTFLAGS)
	$(MAKE) dist-check

# The formatter that ships with the Swift toolchain (`swift format`), configured by
# .swift-format (4 spaces, 120 columns); lint fails on any change it would make and
# on a line over 120 columns (a string it cannot break).
SWIFT_FILES := Sources Tests Package.swift
format:
	swift format format -i -r -p $(SWIFT_FILES)

lint:
	swift format lint --strict -r -p $(SWIFT_FILES)
	@if LC_ALL=C.UTF-8 grep -rnP '^.{121,}' --include='*.swift' $(SWIFT_FILES); then \
	  echo "lint: the lines above are over 120 columns" >&2; exit 1; fi

# Installing: the binary, its manual page (generated from the commands by
# swift-argument-parser's generate-manual) and completions for bash, zsh and fish.
PREFIX ?= /usr/local
MAN := .build/man/nntui.1
COMPLETIONS := .build/completions
INSTALLED := bin/nntui share/man/man1/nntui.1 share/bash-completion/completions/nntui \
             share/zsh/site-functions/_nntui share/fish/vendor_completions.d/nntui.fish

# the tool of swift-argument-parser's GenerateManual plugin, built with the same flags
# as the release (so neither build undoes the other)
man: release
	swift build -c release --product generate-manual --static-swift-stdlib $(SWIFTFLAGS)
	mkdir -p .build/man && .build/release/generate-manual .build/release/nntui --output-directory .build/man

completions: release
	scripts/completions.sh .build/release/nntui $(COMPLETIONS)

install: man completions
	install -D -m 755 .build/release/nntui $(DESTDIR)$(PREFIX)/bin/nntui
	install -D -m 644 $(MAN) $(DESTDIR)$(PREFIX)/share/man/man1/nntui.1
	install -D -m 644 $(COMPLETIONS)/bash/nntui $(DESTDIR)$(PREFIX)/share/bash-completion/completions/nntui
	install -D -m 644 $(COMPLETIONS)/zsh/_nntui $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_nntui
	install -D -m 644 $(COMPLETIONS)/fish/nntui.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/nntui.fish
	@echo "installed nntui in $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/,$(INSTALLED))

# A release that runs without Swift: the installed tree, README and LICENSE in
# nntui-VERSION-linux-ARCH.tar.gz (the binary stripped).
DIST ?= .build/dist
dist: man completions
	@version=$$(.build/release/nntui --version | cut -d' ' -f2); name=nntui-$$version-linux-$$(uname -m); \
	rm -rf $(DIST)/$$name && $(MAKE) --no-print-directory install PREFIX= DESTDIR=$(abspath $(DIST))/$$name >/dev/null && \
	strip $(DIST)/$$name/bin/nntui && cp README.md LICENSE $(DIST)/$$name/ && \
	tar -C $(DIST) -czf $(DIST)/$$name.tar.gz $$name && echo "wrote $(DIST)/$$name.tar.gz"

# The tarball's binary needs no library of the Swift toolchain: ldd names none, and
# it runs with the toolchain's folder hidden (a private mount namespace, as root).
dist-check: dist
	@bin=$$(ls -d $(DIST)/nntui-*/bin/nntui | head -1); \
	if ldd $$bin | grep -q 'libswift\|libFoundation\|/opt/swift\|swift/linux'; then echo "dist-check: $$bin needs the toolchain:"; ldd $$bin; exit 1; fi; \
	toolchain=$$(dirname $$(dirname $$(readlink -f $$(command -v swift)))); \
	if [ "$$(id -u)" = 0 ] && command -v unshare >/dev/null; then \
	  unshare -m sh -c "mount -t tmpfs none $$toolchain && $$bin --version" || { echo "dist-check: $$bin does not run without $$toolchain"; exit 1; }; \
	else env -i $$bin --version; fi; \
	echo "dist-check: 1 passed, 0 failed"

bench: release bench-env
	.venv-bench/bin/python benchmarks/run.py

# many runs at once: compare --seeds 32 against JAX's vmap and PyTorch's stacked weights
bench-seeds: release bench-env
	.venv-bench/bin/python benchmarks/seeds.py .build/release/nntui
