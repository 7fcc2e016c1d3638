# conv: the two commands that matter are `make run` and `make test`. Both install what is
# missing on a Debian or Ubuntu machine with Swift (apt packages via sudo when not root).

SWIFT        ?= swift
APT_PACKAGES := libedit-dev pkg-config time
PY_MODULES   := pytest pexpect numpy
SAMPLE       ?= Samples/walkthrough-k2-s2-p1.conv

.PHONY: all setup build release run test test-swift test-python bench clean

all: build

## setup: install the system packages and Python test modules that are missing
setup:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@for module in $(PY_MODULES); do \
	  python3 -c "import $$module" 2>/dev/null || python3 -m pip install -q $$module; \
	done

## build: a debug build of everything
build: setup
	$(SWIFT) build

## release: an optimised build of the conv command
release: setup
	$(SWIFT) build -c release --product conv

## run: build, then run the walkthrough sample
run: release
	.build/release/conv $(SAMPLE)

## test: every test: unit, golden PyTorch vectors, samples, the CLI end to end, the REPL in a pty
test: setup test-swift test-python

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-python:
	CONV=$$($(SWIFT) build --show-bin-path)/conv python3 -m pytest -q Tests/python

## bench: release build, then W1–W5 beside NumPy/SciPy (and PyTorch if installed); see README
bench: setup
	$(SWIFT) build -c release --product conv
	$(SWIFT) build -c release --product conv-bench
	bin=$$($(SWIFT) build -c release --show-bin-path); $$bin/conv-bench --conv $$bin/conv

clean:
	rm -rf .build
