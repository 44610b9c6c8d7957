# SPDX-License-Identifier: GPL-2.0-only
# Thin wrapper over CMake presets and CTest. `make run` and `make test` are
# the two quick-start commands (through sh make.sh on a machine without
# make); both install what is missing first.
.PHONY: all setup build run test test-default test-asan test-fuzz fuzz bench clean \
	test-kernel-pinned test-kernel-patch

# The older 6.12.y CI also runs the kernel-dependent suites against.
PINNED_KERNEL ?= 6.12.117

JOBS ?= $(shell nproc)
# cmake runs make again below us: no "Entering directory" noise from it
MAKEFLAGS += --no-print-directory

all: build

setup:
	@sh scripts/setup.sh

build: setup
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j $(JOBS)

run: build
	@./build/default/sim/iommusim run scenarios/default.yaml

test-default: setup
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j $(JOBS)
	@ctest --preset default

test-asan: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan

# The fuzz harnesses (fuzz/README.md), a fixed number of runs each
# (ctest -L fuzz): only the harnesses and the libraries they link are built.
test-fuzz: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@ctest --preset fuzz

# The whole suite: the plain build (which also runs the kernel's own
# selftest under the preload library, which cannot be combined with ASan),
# every project test again under ASan+UBSan, and the fuzz harnesses' short runs.
test: test-default test-asan test-fuzz

# Fuzz for as long as you like: FUZZ_TIME seconds per harness (0: until
# interrupted), FUZZ_JOBS at once, FUZZ="iommufd traces ..." to pick.
fuzz: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@sh fuzz/run.sh

# CI's second kernel: ctest -L kernel against PINNED_KERNEL from Debian's
# archive (skipped if the archive dropped it).
test-kernel-pinned: setup
	@sh scripts/test-kernel-pinned.sh $(PINNED_KERNEL)

# A patched kernel tree reaches the tests (-DIOMMUSIM_KERNEL_SOURCE).
test-kernel-patch: setup
	@sh scripts/test-kernel-patch.sh

bench: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@for b in build/release/bench/bench_*; do echo "== $$b"; $$b || exit 1; done
	@echo "== bench/callgrind.sh"; sh bench/callgrind.sh build/release/bench
	@echo "== bench/intel_inval_callgrind.sh"; sh bench/intel_inval_callgrind.sh build/release/bench
	@echo "== bench/inject.sh"; sh bench/inject.sh build/release/sim/iommusim

clean:
	rm -rf build
