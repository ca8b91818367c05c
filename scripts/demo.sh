#!/usr/bin/env bash
# Starts the demo: the mock upstream (unless SF_API_KEY points the proxy at the real API) and the
# proxy serving the built demo at / and the API under /api. Ctrl-C stops both.
# Expects the release binaries and the demo's static dir to be built (the Makefile does that).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release"
static_dir=${DEMO_DIR:-$root/target/demo}
mock_addr=${MOCK_ADDR:-127.0.0.1:8090}
proxy_addr=${PROXY_ADDR:-127.0.0.1:8080}

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# Waits until a started server prints its listening line, or fails with what it said.
wait_for_line() {
  local log=$1 pattern=$2 pid=$3
  for _ in $(seq 1 100); do
    grep -q "$pattern" "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "demo: timed out waiting for: $pattern" >&2
  return 1
}

logs=$(mktemp -d)
if [ -n "${SF_API_KEY:-}" ]; then
  echo "demo: SF_API_KEY is set: the proxy talks to ${SF_API_BASE:-the real API}"
  upstream_key=$SF_API_KEY
  upstream_base=${SF_API_BASE:-}
else
  upstream_key=${MOCK_API_KEY:-demo-mock-key}
  MOCK_API_KEY=$upstream_key "$bin/task-history-mock" --addr "$mock_addr" >"$logs/mock.log" 2>&1 &
  pids+=($!)
  wait_for_line "$logs/mock.log" "listening on" "${pids[-1]}"
  echo "demo: $(head -n1 "$logs/mock.log")"
  upstream_base="http://$mock_addr"
fi

env SF_API_KEY="$upstream_key" ${upstream_base:+SF_API_BASE="$upstream_base"} \
  "$bin/task-history-proxy" --listen "$proxy_addr" --static-dir "$static_dir" 2>&1 | tee "$logs/proxy.log" &
pids+=($!)
wait_for_line "$logs/proxy.log" "listening" "${pids[-1]}"
echo
echo "demo: open http://$proxy_addr/   (Ctrl-C stops it)"
wait
