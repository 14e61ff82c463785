# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
DATA ?= ./data
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: run test build web deps test-deps unit web-test api-test e2e format clean bench fuzz fuzz-smoke

run: deps build web
	@echo "Tsumiki: http://localhost:$(lastword $(subst :, ,$(LISTEN)))  (data in $(DATA); Ctrl-C stops)"
	@$(BUILD)/src/server/tsumiki serve --data $(DATA) --listen $(LISTEN) --web-root web/dist

test: test-deps build web unit web-test api-test e2e fuzz-smoke

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

$(BUILD)/build.ninja:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DTSUMIKI_WERROR=$(if $(CI),ON,OFF) >/dev/null

build: $(BUILD)/build.ninja
	@ninja -C $(BUILD) -j $(JOBS) --quiet

web:
	@if [ -f web/package.json ]; then scripts/npm-install.sh web && (cd web && npm run --silent build >/dev/null); fi

unit: build
	@cd $(BUILD) && $(CURDIR)/scripts/quiet.sh 3 ctest --output-on-failure -j $(JOBS)

api-test: build
	@scripts/npm-install.sh tests/api
	@cd tests/api && TSUMIKI_BIN=$(CURDIR)/$(BUILD)/src/server/tsumiki node --test --test-concurrency=1 --test-reporter=dot suites/

web-test: web
	@cd web && $(CURDIR)/scripts/quiet.sh 0 npm run --silent lint && $(CURDIR)/scripts/quiet.sh 4 npx vitest run

e2e: build web
	@scripts/npm-install.sh tests/e2e
	@cd tests/e2e && E2E_SERVER=real TSUMIKI_BIN=$(CURDIR)/$(BUILD)/src/server/tsumiki node --test --test-concurrency=1 --test-reporter=dot suites/

# libFuzzer targets: a short run in `make test` when clang is there; `make fuzz
# FUZZ_SECONDS=600` (or scripts/fuzz.sh 600 query) for a real session.
FUZZ_SECONDS ?= 300
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz-smoke:
	@if command -v clang++ >/dev/null; then scripts/fuzz.sh 6; else echo "fuzz: clang++ missing, skipped"; fi

bench: build
	@scripts/npm-install.sh tests/api
	@node bench/run.mjs

format:
	@find src tests/unit bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	@rm -rf $(BUILD)
