# The two commands of the README. Each does all set-up on a fresh Debian 12 machine.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all bootstrap configure build demo check bench clean

all: build

bootstrap:
	@tools/bootstrap.sh

configure: bootstrap
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Build Sill and run it on the bundled sample programs.
demo: build
	@tools/demo.sh $(BUILD)

# Build and run the whole test suite (unit tests + conformance programs).
check: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Benchmarks live apart from the tests.
bench: build
	@bench/startup.sh $(BUILD)
	@bench/fileio.sh $(BUILD)
	@bench/sync.sh $(BUILD)
	@bench/registry.sh $(BUILD)
	@bench/nls.sh $(BUILD)

clean:
	rm -rf $(BUILD)
