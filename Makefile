# engage-sync — build, test, sample, benchmark.
#
#   make sample   install what is missing, build, run the Verteo sample sync
#   make story    the Verteo sample's three syncs in a row (samples/verteo/story.sh)
#   make test     install what is missing, build, run the unit/end-to-end tests and,
#                 when ../shared/conformance exists, the conformance suite
#   make bench    release build, generated scenarios, timings and targets (bench/README.md)
#
# Debian packages the build needs (system-library targets in Package.swift).
APT_PACKAGES := libxml2-dev libyaml-dev pkg-config
SWIFT ?= swift
BIN := .build/debug/engage-sync
CONFORMANCE := ../shared/conformance/run.py
SAMPLE := samples/verteo

.PHONY: deps build test conformance sample story bench clean fuzz

deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "swift not found: install the Swift 6 toolchain (swift.org) and put it on PATH"; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; if [ "$$(id -u)" != 0 ]; then SUDO=sudo; command -v sudo >/dev/null 2>&1 || { \
	    echo "not root and no sudo: install$$missing with apt-get as root, then run make again"; exit 1; }; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@if [ -f $(CONFORMANCE) ]; then python3 $(CONFORMANCE) --bin $(BIN); else echo "no $(CONFORMANCE): conformance suite skipped"; fi

conformance: build
	python3 $(CONFORMANCE) --bin $(BIN)

sample: build
	rm -rf $(SAMPLE)/run
	$(BIN) sync --config $(SAMPLE)/engage-sync.yaml --now 2026-11-30T10:00:00Z; \
	  code=$$?; echo "exit code $$code"; ls $(SAMPLE)/run/out/*/; [ $$code -le 1 ]

story: build
	ENGAGE_SYNC=$(BIN) $(SAMPLE)/story.sh

# Fuzzing (fuzz/README.md): build the libFuzzer targets outside SwiftPM, gather the seeds from
# the test fixtures and ../shared, run each target FUZZ_SECONDS (default 60). Not part of `test`.
FUZZ_SECONDS ?= 60
fuzz: deps
	fuzz/build.sh
	fuzz/seeds.sh
	for t in export snapshot yaml; do fuzz/run.sh $$t $(FUZZ_SECONDS) || exit 1; done

bench: deps
	bench/run.sh

clean:
	rm -rf .build $(SAMPLE)/run
