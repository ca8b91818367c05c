# End-to-end, accessibility and fault tests (tests/e2e): Debian's Chromium driven by
# playwright-core against the real proxy and mock, started on free loopback ports by the tests.

.PHONY: test-e2e e2e-prereqs


e2e-prereqs: demo-dist demo-binaries
	scripts/ensure-tools.sh browser node

test-e2e: e2e-prereqs
	cd tests/e2e && npm test
