#!/usr/bin/env bash
# Renders the task-history nginx config into OUT_DIR. Either include OUT_DIR/task-history.conf
# inside nginx's http {} block (a server of its own), or OUT_DIR/task-history-http.conf inside
# http {} and OUT_DIR/task-history-locations.conf inside a server {} you already have.
# Settings come from the environment (defaults in brackets):
#   SF_API_KEY_FILE        file holding the vendor API key (required; written into a 0600 snippet)
#   SF_API_BASE            upstream base URL [https://prod-api.superfone.co.in/superfone]
#   NGINX_LISTEN           listen address [127.0.0.1:8080]
#   API_PREFIX             path prefix of the API [/api]
#   CORS_ORIGINS           comma-separated exact origins allowed from browsers [none]
#   RATE_LIMIT_PER_MINUTE  sustained requests per minute per client IP [120]
#   RATE_LIMIT_BURST       burst allowance [20]
#   TRUSTED_PROXIES        comma-separated addresses or CIDR ranges of load balancers in front;
#                          their requests count against the client in X-Forwarded-For [none]
#   CONNECT_TIMEOUT        upstream connect timeout, nginx time [3s]
#   READ_TIMEOUT           upstream read timeout between two reads, nginx time [10s]
#   CA_FILE                CA bundle for an https upstream [/etc/ssl/certs/ca-certificates.crt]
#   CLIENT_HEADER_TIMEOUT  time for a client's whole request head, nginx time [10s]
#   KEEPALIVE_TIMEOUT      idle kept-alive connections close after this, nginx time (0 disables) [5s]
#   MAX_CONNECTIONS        requests in progress at once, server-wide (limit_conn; then 503) [768]
#   MAX_UPSTREAM_CONCURRENCY  upstream connections at once (max_conns) [64]
#   RATE_LIMIT_IPV6_PREFIX IPv6 clients sharing this many leading bits share a bucket; a
#                          multiple of 8 [64]
#   ALLOWED_HOSTS          comma-separated host names served (any port); others get 421 [any]
#   STATIC_DIR             the element's built files (index.html, *.js, pkg/, style/) to serve at /,
#                          with their .br/.gz copies [none: no files served]
#   AUTH_REQUEST_URL       per-lead tokens: every API request is first checked by this verifier
#                          with auth_request, e.g. task-history-proxy's GET /auth/check
#                          (http://127.0.0.1:8080/auth/check); http for loopback hosts only [none]
#   BROTLI_STATIC          on: send x.br copies (needs nginx's brotli_static module, Debian's
#                          libnginx-mod-http-brotli-static); off: gzip copies only [on]
# A bad setting stops with one line on stderr and exit status 2, writing nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "render.sh: $*" >&2; exit 2; }

[ $# -eq 1 ] || fail "usage: SF_API_KEY_FILE=/path/to/key $0 OUT_DIR"
mkdir -p "$1" || fail "cannot create $1"
out=$(cd "$1" && pwd)
[[ $out =~ ^[A-Za-z0-9._/-]+$ ]] || fail "OUT_DIR $out must be a plain path (letters, digits, ._/-)"

key_file=${SF_API_KEY_FILE:-}
[ -n "$key_file" ] || fail "SF_API_KEY_FILE is required"
[ -r "$key_file" ] || fail "cannot read SF_API_KEY_FILE $key_file"
key=$(head -c 4096 "$key_file")
key=${key%$'\r'}
# The key is written into an nginx string: only characters that need no escaping there.
[[ $key =~ ^[A-Za-z0-9._~+/=-]+$ ]] || fail "the API key in SF_API_KEY_FILE must be letters, digits or ._~+/=-"

base=${SF_API_BASE:-https://prod-api.superfone.co.in/superfone}
[[ $base =~ ^(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:([0-9]{1,5}))?(/[A-Za-z0-9._~/-]*)?$ ]] ||
  fail "SF_API_BASE $base must be http(s)://host[:port][/path] without query or credentials"
scheme=${BASH_REMATCH[1]} host=${BASH_REMATCH[2]} port=${BASH_REMATCH[4]} path=${BASH_REMATCH[5]%/}
if [ "$scheme" = http ]; then
  # The key must not cross a network in clear text; plain http is for a local mock only.
  case $host in localhost | 127.* | "[::1]") ;; *) fail "SF_API_BASE: plain http is allowed only for loopback hosts" ;; esac
fi
default_port=443
[ "$scheme" = https ] || default_port=80
host_header=$host${port:+:$port}
port=${port:-$default_port}

listen=${NGINX_LISTEN:-127.0.0.1:8080}
[[ $listen =~ ^[A-Za-z0-9.:]+$|^\[[0-9A-Fa-f:]+\]:[0-9]+$ ]] || fail "NGINX_LISTEN $listen is not an address"
prefix=${API_PREFIX:-/api}
[[ $prefix =~ ^(/[A-Za-z0-9_-]+)+$ ]] || fail "API_PREFIX $prefix must be /segment[/segment...]"
rate=${RATE_LIMIT_PER_MINUTE:-120}
burst=${RATE_LIMIT_BURST:-20}
[[ $rate =~ ^[1-9][0-9]{0,5}$ ]] || fail "RATE_LIMIT_PER_MINUTE must be a positive integer"
[[ $burst =~ ^[0-9]{1,5}$ ]] || fail "RATE_LIMIT_BURST must be a non-negative integer"
connect=${CONNECT_TIMEOUT:-3s}
read=${READ_TIMEOUT:-10s}
for t in "$connect" "$read"; do
  [[ $t =~ ^[1-9][0-9]*(ms|s)$ ]] || fail "timeout $t must look like 500ms or 3s"
done
header_timeout=${CLIENT_HEADER_TIMEOUT:-10s}
[[ $header_timeout =~ ^[1-9][0-9]*(ms|s)$ ]] || fail "CLIENT_HEADER_TIMEOUT $header_timeout must look like 500ms or 10s"
keepalive=${KEEPALIVE_TIMEOUT:-5s}
[[ $keepalive =~ ^(0|[1-9][0-9]*(ms|s))$ ]] || fail "KEEPALIVE_TIMEOUT $keepalive must look like 0, 500ms or 5s"
max_connections=${MAX_CONNECTIONS:-768}
[[ $max_connections =~ ^[1-9][0-9]{0,6}$ ]] || fail "MAX_CONNECTIONS must be a positive integer"
max_upstream=${MAX_UPSTREAM_CONCURRENCY:-64}
[[ $max_upstream =~ ^[1-9][0-9]{0,6}$ ]] || fail "MAX_UPSTREAM_CONCURRENCY must be a positive integer"
v6_prefix=${RATE_LIMIT_IPV6_PREFIX:-64}
[[ $v6_prefix =~ ^[0-9]{1,3}$ ]] && ((v6_prefix >= 8 && v6_prefix <= 128 && v6_prefix % 8 == 0)) ||
  fail "RATE_LIMIT_IPV6_PREFIX must be a multiple of 8 from 8 to 128 (nginx keys on whole bytes)"
hosts_conf="default 0;"$'\n'
IFS=, read -r -a allowed_hosts <<<"${ALLOWED_HOSTS:-}"
for allowed in "${allowed_hosts[@]}"; do
  allowed=${allowed// /}
  [ -n "$allowed" ] || continue
  [[ $allowed =~ ^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])$ ]] ||
    fail "ALLOWED_HOSTS entry $allowed must be a host name or address without a port"
  [ "$hosts_conf" != "default 0;"$'\n' ] || hosts_conf="default 1;"$'\n'
  hosts_conf+="\"${allowed,,}\" 0;"$'\n'
done
ca_file=${CA_FILE:-/etc/ssl/certs/ca-certificates.crt}
if [ "$scheme" = https ] && [ ! -r "$ca_file" ]; then
  fail "CA_FILE $ca_file is not readable (install ca-certificates or set CA_FILE)"
fi

static_dir=${STATIC_DIR:-}
if [ -n "$static_dir" ]; then
  [ -d "$static_dir" ] || fail "STATIC_DIR $static_dir is not a directory"
  static_dir=$(cd "$static_dir" && pwd -P)
  [[ $static_dir =~ ^[A-Za-z0-9._/-]+$ ]] || fail "STATIC_DIR $static_dir must be a plain path (letters, digits, ._/-)"
  [ -f "$static_dir/index.html" ] || fail "STATIC_DIR $static_dir has no index.html (build the demo first)"
fi
brotli=${BROTLI_STATIC:-on}
case $brotli in
  on) brotli_conf="brotli_static on;" ;;
  off) brotli_conf="# BROTLI_STATIC=off: no brotli copies" ;;
  *) fail "BROTLI_STATIC must be on or off" ;;
esac

auth_url=${AUTH_REQUEST_URL:-}
auth_conf="# no AUTH_REQUEST_URL: no per-lead tokens"$'\n'
auth_location_conf="$auth_conf"
if [ -n "$auth_url" ]; then
  [[ $auth_url =~ ^(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$ ]] ||
    fail "AUTH_REQUEST_URL $auth_url must be http(s)://host[:port][/path] without query or credentials"
  if [ "${BASH_REMATCH[1]}" = http ]; then
    # The client's bearer token travels to the verifier.
    case ${BASH_REMATCH[2]} in localhost | 127.* | "[::1]") ;; *) fail "AUTH_REQUEST_URL: plain http is allowed only for loopback hosts" ;; esac
  fi
  auth_conf="# AUTH_REQUEST_URL: the token must open this lead before the upstream is asked."$'\n'
  auth_conf+="auth_request /__task_history_auth;"$'\n'
  auth_conf+="auth_request_set \$th_auth_status \$upstream_status;"$'\n'
  auth_conf+="auth_request_set \$th_auth_message \$upstream_http_x_task_history_message;"$'\n'
  auth_location_conf=$(cat <<AUTH
# AUTH_REQUEST_URL: the verifier gets the client's Authorization and the parsed lead, nothing else.
location = /__task_history_auth {
    internal;
    proxy_pass $auth_url;
    proxy_method GET;
    proxy_pass_request_headers off;
    proxy_pass_request_body off;
    proxy_set_header Authorization \$http_authorization;
    proxy_set_header X-Task-History-Lead \$th_lead;
    proxy_connect_timeout $connect;
    proxy_read_timeout $read;
}
AUTH
)
fi

origins_conf=""
IFS=, read -r -a origins <<<"${CORS_ORIGINS:-}"
for origin in "${origins[@]}"; do
  origin=${origin// /}
  [ -n "$origin" ] || continue
  [[ $origin =~ ^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]] ||
    fail "CORS origin $origin must be scheme://host[:port], no path, no wildcard"
  origins_conf+="\"$origin\" \$http_origin;"$'\n'
done

# Behind load balancers, the realip module takes the client from X-Forwarded-For (right to left,
# past the trusted hops) before limit_req counts it, as the Rust proxy's --trusted-proxies does.
real_ip_conf="# no TRUSTED_PROXIES: the rate limit counts the TCP peer"$'\n'
IFS=, read -r -a trusted <<<"${TRUSTED_PROXIES:-}"
trusted_conf=""
for proxy in "${trusted[@]}"; do
  proxy=${proxy// /}
  [ -n "$proxy" ] || continue
  [[ $proxy =~ ^([0-9]{1,3}(\.[0-9]{1,3}){3}(/([0-9]|[12][0-9]|3[0-2]))?|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))?)$ ]] ||
    fail "TRUSTED_PROXIES entry $proxy must be an address or a CIDR range, e.g. 10.0.0.0/8"
  trusted_conf+="set_real_ip_from $proxy;"$'\n'
done
if [ -n "$trusted_conf" ]; then
  real_ip_conf="${trusted_conf}real_ip_header X-Forwarded-For;"$'\n'"real_ip_recursive on;"$'\n'
fi

# Each template into OUT_DIR/NAME.conf; written whole or not at all.
render() {
  sed -e "s|@API_PREFIX_RE@|$prefix|g" \
    -e "s|@API_PREFIX@|$prefix|g" \
    -e "s|@CONF_DIR@|$out|g" \
    -e "s|@LISTEN@|$listen|g" \
    -e "s|@RATE_PER_MINUTE@|$rate|g" \
    -e "s|@BURST@|$burst|g" \
    -e "s|@RETRY_AFTER@|$(((60 + rate - 1) / rate))|g" \
    -e "s|@UPSTREAM_SCHEME@|$scheme|g" \
    -e "s|@UPSTREAM_HOSTPORT@|$host:$port|g" \
    -e "s|@UPSTREAM_HOST@|$host_header|g" \
    -e "s|@UPSTREAM_PATH@|$path|g" \
    -e "s|@CONNECT_TIMEOUT@|$connect|g" \
    -e "s|@READ_TIMEOUT@|$read|g" \
    -e "s|@CLIENT_HEADER_TIMEOUT@|$header_timeout|g" \
    -e "s|@KEEPALIVE_TIMEOUT@|$keepalive|g" \
    -e "s|@MAX_CONNECTIONS@|$max_connections|g" \
    -e "s|@MAX_UPSTREAM_CONCURRENCY@|$max_upstream|g" \
    -e "s|@IPV6_PREFIX_BYTES@|$((v6_prefix / 8))|g" \
    -e "s|@IPV6_HOST_BYTES@|$((16 - v6_prefix / 8))|g" \
    -e "s|@STATIC_DIR@|$static_dir|g" \
    -e "s|@BROTLI_STATIC@|$brotli_conf|g" \
    "$here/$1.conf.template" >"$out/$1.conf.new"
  if grep -q '@[A-Z_]*@' "$out/$1.conf.new"; then
    fail "unfilled placeholder in $1: $(grep -o '@[A-Z_]*@' "$out/$1.conf.new" | head -n1)"
  fi
}
templates=(task-history-http task-history-locations task-history)
if [ -n "$static_dir" ]; then
  templates+=(task-history-static task-history-static-files)
fi
for template in "${templates[@]}"; do
  render "$template"
done
for template in "${templates[@]}"; do
  mv "$out/$template.conf.new" "$out/$template.conf"
done
if [ -z "$static_dir" ]; then
  echo "# no STATIC_DIR: the element's files are not served" >"$out/task-history-static.conf"
  rm -f "$out/task-history-static-files.conf"
fi
cp "$here/task-history-headers.conf" "$out/task-history-headers.conf"
printf '%s' "$origins_conf" >"$out/task-history-cors-origins.conf"
printf '%s' "$auth_conf" >"$out/task-history-auth.conf"
printf '%s\n' "$auth_location_conf" >"$out/task-history-auth-location.conf"
printf '%s' "$real_ip_conf" >"$out/task-history-real-ip.conf"
printf '%s' "$hosts_conf" >"$out/task-history-allowed-hosts.conf"
if [ "$scheme" = https ]; then
  cat >"$out/task-history-upstream-tls.conf" <<TLS
proxy_ssl_server_name on;
proxy_ssl_name $host;
proxy_ssl_verify on;
proxy_ssl_verify_depth 4;
proxy_ssl_trusted_certificate $ca_file;
proxy_ssl_protocols TLSv1.2 TLSv1.3;
TLS
else
  echo "# plain http upstream (loopback only): no TLS settings" >"$out/task-history-upstream-tls.conf"
fi
(
  umask 077
  # sub_filter: an upstream that echoes the key in a body must not hand it to a browser; a key
  # with a / is also redacted as JSON's \/ spells it (a \uXXXX spelling is beyond sub_filter).
  # In an nginx string \\ is one backslash.
  {
    printf 'proxy_set_header x-api-key "%s";\nsub_filter "%s" "[redacted]";\n' "$key" "$key"
    if [[ $key == */* ]]; then
      printf 'sub_filter "%s" "[redacted]";\n' "${key//\//\\\\/}"
    fi
    printf 'sub_filter_once off;\nsub_filter_types *;\n'
  } >"$out/task-history-api-key.conf"
)
echo "render.sh: wrote $out/task-history.conf (include it inside http {}), or include" \
  "$out/task-history-http.conf inside http {} and $out/task-history-locations.conf inside your server {}"
