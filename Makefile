# conv: the two commands that matter are `make run` and `make test`. Both install what is
# missing on a Debian or Ubuntu machine with Swift (apt packages via sudo when not root).

SWIFT        ?= swift
APT_PACKAGES := libedit-dev pkg-config time lua5.4
# What the Python tests import, as IMPORT_NAME:PYPI_NAME.
PY_MODULES   := pytest:pytest pexpect:pexpect numpy:numpy jsonschema:jsonschema pygments:pygments \
                ipykernel:ipykernel jupyter_client:jupyter_client jupyter_kernel_test:jupyter_kernel_test \
                nbclient:nbclient nbformat:nbformat
PYTHON       ?= python3
SAMPLE       ?= Samples/walkthrough-k2-s2-p1.conv

.PHONY: all setup build release run jupyter test test-swift test-python test-release test-asan test-tsan fuzz fuzz-smoke fuzz-build bench clean

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
	@for pair in $(PY_MODULES); do \
	  python3 -c "import $${pair%%:*}" 2>/dev/null || python3 -m pip install -q $${pair#*:}; \
	done

## build: a debug build of everything
build: setup
	$(SWIFT) build

# How the release `conv` is linked: as a static executable (the Swift runtime, Foundation,
# libedit and the C library all inside it), so that a start loads no shared library and binds
# no symbol. `conv -e '1'` ran 3.9 million instructions with only the Swift runtime linked
# statically (2.3 million of them the dynamic loader looking up symbols, and 0.4 million
# reading the environment for a colour choice no diagnostic needed) and runs 0.75 million now:
# about half the processor time, and 10.1 MiB instead of 12.5 MiB.
# libedit's own dependencies are named because a static link does not follow them.
# conv-bench is linked the same way, so that both builds share one set of compiled modules.
RELEASE_LINK ?= -Xswiftc -static-executable -Xlinker -ltinfo -Xlinker -lbsd -Xlinker -lmd

## release: an optimised build of the conv command
release: setup
	$(SWIFT) build -c release --product conv $(RELEASE_LINK)

## run: build, then run the walkthrough sample
run: release
	.build/release/conv $(SAMPLE)

## jupyter: the conv kernel for the current user, running the release build (docs/jupyter.md)
# PYTHON is the Python whose Jupyter should see the kernel, e.g. PYTHON=/path/to/venv/bin/python.
jupyter: release
	$(PYTHON) -m pip install -q ipykernel jupyter_client -e ./jupyter
	$(PYTHON) -m conv_kernel.install --user --conv $$($(SWIFT) build -c release --show-bin-path)/conv

## test: every test: unit, golden PyTorch vectors, samples, the CLI end to end, the REPL in a pty
test: setup test-swift test-python

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-python:
	CONV=$$($(SWIFT) build --show-bin-path)/conv python3 -m pytest -q Tests/python

## test-release: the memory budget's end-to-end tests against the optimised, statically linked
## conv that `make run` builds (the optimiser once deleted the budget's probe allocation there)
# The rest of the Python tests are calibrated for the debug build's speed (how much a time
# limit lets through, how soon a loop meets the step limit), so they run on that build.
test-release: release
	CONV=$$($(SWIFT) build -c release --show-bin-path)/conv python3 -m pytest -q Tests/python/test_memory_budget.py

## test-asan: the Swift tests under the address sanitizer, in a build folder of their own
# Leak checking is off: the only leaks it reports are the test runner's and Foundation's
# Process (a few hundred bytes at exit), not ours; every other memory error fails the run.
# allocator_may_return_null: an allocation the allocator refuses is the memory budget's error to
# report (as it is without the sanitizer), not a crash.
test-asan:
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

## test-tsan: several interpreters on several threads (and an interrupt from another one) under
## the thread sanitizer, in a build folder of its own
test-tsan:
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --filter ConvLangConcurrencyTests

# Fuzzing: Sources/conv-fuzz built with the fuzzer and the address sanitizer, in a build folder of
# its own so that the normal build never sees those flags. FUZZ_TARGET picks what is fuzzed:
#   language    the bytes as a program (seed corpus Fuzz/corpus, dictionary Fuzz/conv.dict)
#   programs    the bytes as the choices of the program generator (Fuzz/corpus-programs)
#   data-files  the bytes as a .npy or CSV file (Fuzz/corpus-data-files, Fuzz/data-files.dict)
# New inputs go to .build-fuzz/TARGET/corpus (the seed corpus is read only); failing inputs to
# .build-fuzz/TARGET/crashes/. Replay one with a normal build:
#   swift build --product conv-fuzz && .build/debug/conv-fuzz --target TARGET FILE
FUZZ_TARGET  ?= language
FUZZ_SECONDS ?= 600
FUZZ_JOBS    ?= 2
# 0 lets the fuzzer pick a seed; the CI smoke run fixes one.
FUZZ_SEED    ?= 0
FUZZ_SCRATCH := $(CURDIR)/.build-fuzz

FUZZ_BIN      = $(FUZZ_SCRATCH)/debug
FUZZ_WORK     = $(FUZZ_SCRATCH)/$(FUZZ_TARGET)
FUZZ_BINARY_language   = conv-fuzzer
FUZZ_BINARY_programs   = conv-fuzzer-programs
FUZZ_BINARY_data-files = conv-fuzzer-data-files
FUZZ_SEEDS_language    = $(CURDIR)/Fuzz/corpus
FUZZ_SEEDS_programs    = $(CURDIR)/Fuzz/corpus-programs
FUZZ_SEEDS_data-files  = $(CURDIR)/Fuzz/corpus-data-files
FUZZ_FLAGS_language    = -dict=$(CURDIR)/Fuzz/conv.dict -max_len=8192
FUZZ_FLAGS_programs    = -max_len=4096
FUZZ_FLAGS_data-files  = -dict=$(CURDIR)/Fuzz/data-files.dict -max_len=65536

fuzz-build:
	SWIFT=$(SWIFT) Fuzz/build-fuzzer.sh $(FUZZ_SCRATCH) $(FUZZ_TARGET)

## fuzz: fuzz FUZZ_TARGET (language, programs, data-files) for FUZZ_SECONDS (default 600) on FUZZ_JOBS cores
# Fork mode keeps fuzzing past a failure, so one run finds several; every failing input is
# saved and the run then fails. Run from the target's work folder, where the fuzzer keeps its files.
fuzz: fuzz-build
	mkdir -p $(FUZZ_WORK)/corpus $(FUZZ_WORK)/crashes
	cd $(FUZZ_WORK) && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
	  $(FUZZ_BIN)/$(FUZZ_BINARY_$(FUZZ_TARGET)) $(FUZZ_FLAGS_$(FUZZ_TARGET)) \
	  -timeout=20 -rss_limit_mb=4096 \
	  -artifact_prefix=$(FUZZ_WORK)/crashes/ -print_final_stats=1 \
	  -max_total_time=$(FUZZ_SECONDS) -fork=$(FUZZ_JOBS) -seed=$(FUZZ_SEED) \
	  -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	  corpus $(FUZZ_SEEDS_$(FUZZ_TARGET))
	@# Slow units (over ten seconds, on a loaded machine) are kept for a look, but are not failures.
	@if ls $(FUZZ_WORK)/crashes/ | grep -qv '^slow-unit-'; then \
	  echo "fuzz: inputs that failed are in $(FUZZ_WORK)/crashes/"; ls $(FUZZ_WORK)/crashes; exit 1; fi

## fuzz-smoke: short fuzz runs of every target, for CI, from a fixed seed so that runs repeat:
## a minute of the language, half a minute each of generated programs and data files
fuzz-smoke:
	$(MAKE) fuzz FUZZ_TARGET=language FUZZ_SECONDS=60 FUZZ_SEED=1
	$(MAKE) fuzz FUZZ_TARGET=programs FUZZ_SECONDS=30 FUZZ_SEED=1
	$(MAKE) fuzz FUZZ_TARGET=data-files FUZZ_SECONDS=30 FUZZ_SEED=1

## bench: release build, then W1–W5 and W1f–W3f beside NumPy/SciPy (and PyTorch if installed), W6 beside PyTorch, W7–W9 beside CPython and Lua 5.4; see README
# BENCH_FLAGS: e.g. `--only W2f,W3f,W4 --runs 51 --python /path/to/venv/bin/python` (a Python
# with PyTorch adds its column, and W6's ratio).
bench: setup
	$(SWIFT) build -c release --product conv $(RELEASE_LINK)
	$(SWIFT) build -c release --product conv-bench $(RELEASE_LINK)
	bin=$$($(SWIFT) build -c release --show-bin-path); $$bin/conv-bench --conv $$bin/conv $(BENCH_FLAGS)

clean:
	rm -rf .build
