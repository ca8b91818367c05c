# The <task-history> widget: release build, demo assembly, browser tests, wasm lint.
# Included by the root Makefile (which puts .tools/node_modules/.bin, with a current wasm-opt,
# first on PATH).

WIDGET_SOURCES := Cargo.toml Cargo.lock build.rs mk/widget.mk scripts/trusted-html-glue.mjs $(wildcard scripts/*wasm*.mjs) \
	$(shell find src style -type f 2>/dev/null)
DEMO_DIR ?= target/demo
WASM_TARGET := wasm32-unknown-unknown
# Tests drive Debian's Chromium through its chromedriver; nothing is downloaded.
WIDGET_TEST_ENV := CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: build-widget demo-dist test-widget-browser lint-widget widget-size

build-widget: pkg/task_history_bg.wasm

# wasm-pack builds and runs wasm-opt. Then: classes a dependency exports but the widget never
# uses are dropped (see the script), the import names shared by the wasm and its glue are
# shortened, and terser minifies the glue (not property names: the import object's keys and
# the exports stay as they are). A failed step removes the wasm, so the next make starts
# again rather than ship a half-processed build.
UNUSED_WASM_CLASSES := IntoUnderlyingByteSource IntoUnderlyingSink IntoUnderlyingSource

# Panic locations keep their file paths in the wasm; dependency paths lose the registry prefix
# and our own the checkout's, so they are short and the same on every machine.
CARGO_REGISTRY_SRC := $(or $(CARGO_HOME),$(HOME)/.cargo)/registry/src
WASM_RUSTFLAGS := --remap-path-prefix=$(CARGO_REGISTRY_SRC)= --remap-path-prefix=$(CURDIR)=

pkg/task_history_bg.wasm: $(WIDGET_SOURCES)
	scripts/ensure-tools.sh wasm
	RUSTFLAGS="$(WASM_RUSTFLAGS)" wasm-pack build --profile wasm-release --target web --out-dir pkg --no-pack --no-typescript .
	@rm -f pkg/.gitignore
	node scripts/drop-wasm-exports.mjs $@ pkg/task_history.js $(UNUSED_WASM_CLASSES) || { rm -f $@; exit 1; }
	node scripts/minify-wasm-names.mjs $@ pkg/task_history.js || { rm -f $@; exit 1; }
	node scripts/trusted-html-glue.mjs pkg/task_history.js || { rm -f $@; exit 1; }
	terser pkg/task_history.js --module --compress --mangle --output pkg/task_history.js || { rm -f $@; exit 1; }

# The static root the proxy serves for `make demo`, in the shapes it serves: index.html, *.js
# at the top (the element's shim, the demo's script), pkg/ (wasm-pack output) and style/*.css
# (the demo page's own CSS; the widget's is compiled into the wasm), each with its .br and .gz
# copies. Nothing else.
demo-dist: build-widget
	rm -rf $(DEMO_DIR)
	mkdir -p $(DEMO_DIR)/pkg $(DEMO_DIR)/style
	cp index.html $(DEMO_DIR)/
	cp demo/demo.js $(DEMO_DIR)/
	# The element's own JS ships minified (comments are a third of it); export names stay.
	for f in task-history define element; do \
	  terser js/$$f.js --module --compress --mangle --output $(DEMO_DIR)/$$f.js; \
	done
	cp demo/demo.css $(DEMO_DIR)/style/
	cp pkg/task_history.js pkg/task_history_bg.wasm $(DEMO_DIR)/pkg/
	# Compressed copies beside every file, which the proxy and the nginx config serve to
	# browsers that accept them: brotli at its best quality, gzip -9 (-n: no name or time, so
	# a rebuild of the same bytes gives the same copy).
	find $(DEMO_DIR) -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \) \
	  -exec brotli --quality=11 --force --keep {} \; -exec gzip -9 --no-name --force --keep {} \;
	@echo "demo-dist: $(DEMO_DIR) ready"

test-widget-browser:
	scripts/ensure-tools.sh wasm browser
	$(WIDGET_TEST_ENV) cargo test --target $(WASM_TARGET) --test browser

lint-widget:
	scripts/ensure-tools.sh wasm
	cargo clippy -p task-history --target $(WASM_TARGET) --all-targets -- -D warnings

# Shipped bytes for one element: gzip -9 of wasm + JS glue + loader + element class (CSS is
# inside the wasm).
widget-size: build-widget
	@for f in pkg/task_history_bg.wasm pkg/task_history.js js/task-history.js js/define.js js/element.js; do \
	  printf '%-28s %8d bytes, %7d gzip\n' "$$f" "$$(wc -c <$$f)" "$$(gzip -9c $$f | wc -c)"; \
	done

