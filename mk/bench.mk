# `make bench`: the performance report (docs/performance.md), from a fresh clone.
# Installs what is missing, builds the release element and binaries, then bench/run.mjs measures
# and writes bench/out/report.md and report.json. BENCH_ROUNDS, BENCH_SECONDS and BENCH_ONLY
# (see bench/run.mjs) shorten a run while working on one figure.

.PHONY: bench bench-tools bench-build bench-quick test-bench soak

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

# `make soak` (not part of `make test`): a thousand concurrent clients for a minute against the
# proxy, then against the nginx config, each in front of a mock upstream that is SIGKILLed
# half-way and restarted on its port (bench/soak.mjs; docs/performance.md#soak). Writes
# bench/out/soak.md and soak.json, and fails on an error outside the restart window or on memory
# or descriptors grown by more than 10 %. A thousand clients need more descriptors than the usual
# 1,024: the limit is raised for the run (to the hard limit when 65,536 is not allowed).
# SOAK_SECONDS, SOAK_CLIENTS, SOAK_RATE and SOAK_TARGETS shorten or reshape it.
soak: demo-binaries
	scripts/ensure-tools.sh nginx
	ulimit -n 65536 2>/dev/null || ulimit -n "$$(ulimit -Hn)"; node bench/soak.mjs
