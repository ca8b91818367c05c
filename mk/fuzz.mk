# `make fuzz`: the property tests with a hundred times their usual cases. `make test` runs them
# at proptest's default of 256 cases each (through `cargo test --workspace`); this is the longer
# look, kept out of `make test`. They are protocol/tests/properties_*.rs, tests/properties_*.rs,
# proxy/tests/properties_*.rs and the CSS minifier's in build/css.rs (the `css` test target).
# FUZZ_CASES changes the count.
# Each property prints the cases it ran; the summary at the end lists them from the run's log.

FUZZ_CASES ?= 25600
FUZZ_LOG = $${CARGO_TARGET_DIR:-target}/fuzz.log

.PHONY: fuzz
fuzz:
	@mkdir -p "$(dir $(FUZZ_LOG))"
	@start=$$(date +%s); \
	PROPTEST_CASES=$(FUZZ_CASES) cargo test -p task-history-protocol -p task-history -p task-history-proxy \
	  --test 'properties_*' --test css -- --nocapture 2>&1 | tee "$(FUZZ_LOG)"; \
	elapsed=$$(( $$(date +%s) - start )); \
	echo; echo "make fuzz: cases run per property (PROPTEST_CASES=$(FUZZ_CASES)):"; \
	sed -n 's/^property \(.*\): \([0-9]*\) cases passed$$/\2\t\1/p' "$(FUZZ_LOG)" | sort -k2; \
	count=$$(grep -c '^property .* cases passed$$' "$(FUZZ_LOG)"); \
	echo "make fuzz: $$count properties passed in $${elapsed}s (log: $(FUZZ_LOG))"
