# task-history-proxy and its nginx equivalent (proxy/, deploy/nginx/).
# `cargo test --workspace` runs the proxy's unit and integration tests; the nginx suite is kept
# out of it (`test = false` in proxy/Cargo.toml) and run here, after nginx is installed, so it
# never skips under `make test` and prints one line per security case.

.PHONY: proxy test-proxy-nginx nginx-config nginx-local


NGINX_ADDR ?= 127.0.0.1:8081

# The proxy alone, against SF_API_BASE (default: the vendor) with SF_API_KEY from the environment.
proxy:
	cargo run --release -p task-history-proxy -- --listen $(PROXY_ADDR)

# deploy/nginx against Debian's nginx: the same security cases as the Rust proxy.
test-proxy-nginx:
	scripts/ensure-tools.sh nginx
	CI=$${CI:-true} cargo test -p task-history-proxy --test nginx -- --nocapture

# Renders deploy/nginx for SF_API_BASE into target/nginx/ (needs SF_API_KEY_FILE).
nginx-config:
	deploy/nginx/render.sh target/nginx

# nginx doing the proxy's job on $(NGINX_ADDR), in front of a running mock (`make mock`).
nginx-local:
	scripts/ensure-tools.sh nginx
	mkdir -p target/nginx-local
	printf '%s' "$(MOCK_API_KEY)" >target/nginx-local/mock-key
	SF_API_KEY_FILE=target/nginx-local/mock-key SF_API_BASE=http://$(MOCK_ADDR) \
	  NGINX_LISTEN=$(NGINX_ADDR) deploy/nginx/serve.sh target/nginx-local
