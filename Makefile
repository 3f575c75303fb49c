# Quick start: `make run` (GUI on the demo study) and `make test` (every test). Both install what is missing.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DEMO ?= build/demo.concord
RELEASE_BIN := build/release/app/concord

.PHONY: all deps build release run test asan-test fuzz fuzz-smoke bench screenshots package package-check format-check sql-check clean

all: build

deps:
	@bash packaging/install-deps.sh

build: deps
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev -j $(JOBS)

release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: release
	@bash packaging/run-demo.sh $(RELEASE_BIN) $(DEMO)

test: build
	@ctest --preset dev -j $(JOBS)

asan-test: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

# Every C++ source formatted as .clang-format says (clang-format -i FILE mends one).
format-check: deps
	@bash .ci/check-format.sh

# SQL only in model/studyfile/ and model/store/ (the named exemptions and their reasons are in the script).
sql-check:
	@bash .ci/check-sql.sh

# libFuzzer harnesses of every parser (tests/fuzz), built with clang under ASan + UBSan: FUZZ_RUNS executions each
# from the seed corpora; fuzz-smoke is the short run in CI (20,000 executions or 30 s per harness).
FUZZ_RUNS ?= 1000000
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target fuzz_harnesses
	@bash tests/fuzz/run.sh build/fuzz $(FUZZ_RUNS)

fuzz-smoke:
	@FUZZ_SECONDS=30 $(MAKE) --no-print-directory fuzz FUZZ_RUNS=20000

# Only the JSON array goes to stdout; installing and building report on stderr.
bench:
	@bash packaging/install-deps.sh >&2
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) >&2
	@bash tests/bench/run-all.sh build/release

# The README's screenshots, rendered offscreen on a fresh demo study.
screenshots: build
	@QT_QPA_PLATFORM=offscreen build/dev/tests/make_screenshots packaging/screenshots

# The Debian package (build/package/concord_VERSION_ARCH.deb), and its checks: validators, install into a
# temporary root, run from there.
package: deps
	@cmake --preset package >/dev/null
	@cmake --build --preset package -j $(JOBS)
	@cd build/package && cpack -G DEB >/dev/null && ls -1 $$PWD/concord_*.deb

package-check: package
	@bash packaging/check-package.sh build/package

clean:
	@rm -rf build
