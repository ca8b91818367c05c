#!/usr/bin/env bash
# Runs Debian's nginx with the task-history config in the foreground, self-contained in PREFIX_DIR
# (rendered config, pid, logs, temp paths), for tests, benchmarks and trying it out:
#   SF_API_KEY_FILE=key SF_API_BASE=http://127.0.0.1:8090 NGINX_LISTEN=127.0.0.1:8081 \
#     deploy/nginx/serve.sh /tmp/th-nginx
# Takes every render.sh setting, plus NGINX_WORKERS: "0" (default) runs one process with no
# master, which a plain kill stops completely; N runs a master with N workers (stop it with
# SIGTERM or SIGQUIT so it takes its workers along). Ctrl-C stops it. With STATIC_DIR (and
# BROTLI_STATIC not off) it loads the brotli_static module from NGINX_MODULES_DIR
# [/usr/lib/nginx/modules], where Debian's libnginx-mod-http-brotli-static puts it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "serve.sh: $*" >&2; exit 2; }

[ $# -eq 1 ] || fail "usage: SF_API_KEY_FILE=... $0 PREFIX_DIR"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || fail "nginx is not installed (scripts/ensure-tools.sh nginx)"
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
"$here/render.sh" "$prefix/conf" >/dev/null

workers=${NGINX_WORKERS:-0}
[[ $workers =~ ^[0-9]{1,3}$ ]] || fail "NGINX_WORKERS must be a number"
if [ "$workers" = 0 ]; then
  processes="master_process off;"
else
  processes="worker_processes $workers;"
fi
modules=""
if grep -q '^brotli_static on;' "$prefix/conf/task-history-static-files.conf" 2>/dev/null; then
  module=${NGINX_MODULES_DIR:-/usr/lib/nginx/modules}/ngx_http_brotli_static_module.so
  [ -f "$module" ] || fail "$module is missing: install libnginx-mod-http-brotli-static (scripts/ensure-tools.sh nginx) or set BROTLI_STATIC=off"
  modules="load_module $module;"
fi
cat >"$prefix/nginx.conf" <<CONF
$modules
daemon off;
$processes
pid $prefix/nginx.pid;
error_log $prefix/error.log info;
events { worker_connections 1024; }
http {
  access_log $prefix/access.log;
  client_body_temp_path $prefix/client_body;
  proxy_temp_path $prefix/proxy;
  fastcgi_temp_path $prefix/fastcgi;
  uwsgi_temp_path $prefix/uwsgi;
  scgi_temp_path $prefix/scgi;
  include $prefix/conf/task-history.conf;
}
CONF
exec "$nginx" -p "$prefix" -c "$prefix/nginx.conf"
