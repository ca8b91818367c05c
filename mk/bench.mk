# `make bench`: the performance report (docs/performance.md), from a fresh clone.
# Installs what is missing, builds the release element and binaries, then bench/run.mjs measures
# and writes bench/out/report.md and report.json. BENCH_ROUNDS, BENCH_SECONDS and BENCH_ONLY
# (see bench/run.mjs) shorten a run while working on one figure.

.PHONY: bench bench-tools bench-build bench-quick test-bench

# The bench's own logic (wrk parsing, which files count as shipped, budget verdicts): plain
# node, no browser, so it runs in `make test`.
test-bench:
	node --test bench/test/

bench-tools:
	scripts/ensure-tools.sh wasm browser nginx bench node

bench-build: bench-tools demo-dist demo-binaries

bench: bench-build
	node bench/run.mjs

# One round of everything, about a minute after the build: checks the bench itself works.
bench-quick: bench-build
	BENCH_ROUNDS=1 BENCH_SECONDS=1 node bench/run.mjs
