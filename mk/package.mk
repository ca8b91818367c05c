# The npm package: pkg/ (wasm-pack's output) completed into the package `task-history` and packed
# into target/package/; its tests install the tarball into fresh host projects (tests/package).

.PHONY: package api-docs test-package package-prereqs

# package.json (the version from Cargo.toml), the TypeScript declarations and custom-elements.json
# (from js/api.mjs), the JS from js/, README, LICENSE, CHANGELOG; then `npm pack`.
package: build-widget
	node scripts/package.mjs

# Rewrites docs/element.md's API tables from js/api.mjs (make test-package fails while they differ)
# and its list of messages from the catalog in src/i18n (cargo test fails while they differ).
api-docs:
	node scripts/element-api.mjs docs
	BLESS=1 cargo test -q --test messages_doc

package-prereqs: package demo-binaries
	scripts/ensure-tools.sh browser node

# A plain page, a Vite + React 19 app and tsc, each in a fresh project under target/package-tests/
# with the tarball installed; the pages in Chromium against the real proxy and mock.
test-package: package-prereqs
	cd tests/package && npm test
