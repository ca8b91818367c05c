#!/usr/bin/env bash
# Installs, idempotently, what building and testing task-history needs on a fresh Debian machine
# with the Rust toolchain. Each step checks first, so a warm machine pays almost nothing.
#   scripts/ensure-tools.sh wasm     wasm target, wasm-pack, wasm-bindgen-cli = Cargo.lock, wasm-opt,
#                                    terser, brotli (Debian's, for the served copies)
#   scripts/ensure-tools.sh browser  Chromium + chromedriver (Debian's; never a downloaded browser)
#   scripts/ensure-tools.sh nginx    nginx and its brotli_static module (Debian's)
#   scripts/ensure-tools.sh bench    wrk, brotli (Debian's)
#   scripts/ensure-tools.sh node     npm test dependencies: playwright-core and axe-core in tests/e2e;
#                                    Vite, React, TypeScript and a schema validator in tests/package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "ensure-tools: $*" >&2; }

apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} from Debian"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

lock_version() {
  # The version of a package in Cargo.lock, e.g. wasm-bindgen.
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$root/Cargo.lock"
}

ensure_wasm() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown
  command -v wasm-pack >/dev/null || { say "installing wasm-pack"; cargo install wasm-pack; }
  local want have
  want=$(lock_version wasm-bindgen)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ -n "$want" ] && [ "$have" != "$want" ]; then
    # Not --locked: one locked dependency is missing from the registry copy we can reach.
    say "installing wasm-bindgen-cli $want (had: ${have:-none})"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
  # Debian's binaryen is too old for what current rustc emits; the npm package ships a good one.
  if [ ! -x "$root/.tools/node_modules/.bin/wasm-opt" ]; then
    say "installing binaryen (wasm-opt) from npm into .tools/"
    mkdir -p "$root/.tools"
    [ -f "$root/.tools/package.json" ] || echo '{"name":"task-history-tools","private":true}' >"$root/.tools/package.json"
    (cd "$root/.tools" && npm install --no-audit --no-fund --silent binaryen@132)
  fi
  # terser minifies the wasm-bindgen glue for the release build.
  if [ ! -x "$root/.tools/node_modules/.bin/terser" ]; then
    say "installing terser from npm into .tools/"
    mkdir -p "$root/.tools"
    [ -f "$root/.tools/package.json" ] || echo '{"name":"task-history-tools","private":true}' >"$root/.tools/package.json"
    (cd "$root/.tools" && npm install --no-audit --no-fund --silent terser@5)
  fi
}

ensure_node() {
  # Each from its committed lockfile; again whenever package.json or the lockfile is newer.
  local dir
  for dir in "$root/tests/e2e" "$root/tests/package"; do
    [ -f "$dir/package.json" ] || continue
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules" ] ||
      [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
      say "installing npm test dependencies in ${dir#"$root"/}"
      (cd "$dir" && npm ci --no-audit --no-fund --silent && touch node_modules)
    fi
  done
}

for what in "$@"; do
  case "$what" in
    wasm) ensure_wasm; apt_packages brotli ;;
    browser) apt_packages chromium chromium-driver ;;
    nginx) apt_packages nginx libnginx-mod-http-brotli-static ;;
    bench) apt_packages wrk brotli ;;
    node) ensure_node ;;
    *) say "unknown tool set: $what"; exit 2 ;;
  esac
done
