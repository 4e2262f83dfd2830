#!/usr/bin/env bash
# Miwake's one build script: set-up, build, tests, run. Every step is idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

TOOLS="$ROOT/.tools"
DIST="$ROOT/dist"
WASM_TARGET="wasm32-unknown-unknown"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
FIREFOX="${FIREFOX:-/usr/bin/firefox-esr}"
DNSTWIST_VERSION="20250130"
export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./build.sh <command>

  setup     install what a fresh machine lacks: the wasm target, rustfmt/clippy, the wasm-bindgen
            CLI at the crate's exact version (into .tools/), Debian's chromium and firefox-esr,
            npm dev tools
  build     release wasm + wasm-bindgen + wasm-opt, the native CLI, dist/extension/ (Chrome: load
            it unpacked), dist/firefox/ (Firefox: load it from about:debugging), dist/www/, and
            dist/miwake-extension-<version>.zip, dist/miwake-firefox-<version>.zip
  test      fmt, clippy (native and wasm), cargo test, build, end-to-end tests in Chromium,
            web-ext lint of the Firefox add-on, the core end-to-end scenarios in Firefox ESR
  run       build, then open the www/ page in Chromium with the extension loaded (or, with no
            display, serve www/ and print what to open)
  accuracy  recall on dnstwist permutations of the protected domains and false positives on
            Chromium's top domains, through the release CLI (prints a Markdown table)
  bench     build, then every performance budget on this machine: core native and in wasm, CLI,
            wasm size, service-worker cold start, page cost, hover, memory (prints a Markdown
            table; `bench --quick` for fewer runs)
  help      this text
EOF
}

# The crate version that Cargo.lock resolved, e.g. `locked_version wasm-bindgen`.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root for: $*"
  fi
}

setup() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    say "adding the $WASM_TARGET target"
    rustup target add "$WASM_TARGET"
  fi
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding $component"
      rustup component add "$component"
    fi
  done
  [ -f Cargo.lock ] || cargo generate-lockfile
  # The CLI must be exactly the wasm-bindgen crate's version, or the generated glue does not match.
  local want have=""
  want="$(locked_version wasm-bindgen)"
  [ -n "$want" ] || die "wasm-bindgen is not in Cargo.lock"
  [ -x "$TOOLS/bin/wasm-bindgen" ] && have="$("$TOOLS/bin/wasm-bindgen" --version | awk '{print $2}')"
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want into .tools/ (a few minutes, once)"
    # Not --locked: the CLI's own lockfile names a dependency version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$want" --root "$TOOLS" --force
    have="$("$TOOLS/bin/wasm-bindgen" --version | awk '{print $2}')"
    [ "$have" = "$want" ] || die "installed wasm-bindgen $have, wanted $want"
  fi
  if [ ! -x "$CHROMIUM" ]; then
    say "installing Debian's chromium"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if [ ! -x "$FIREFOX" ]; then
    say "installing Debian's firefox-esr (the Firefox end-to-end tests)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
  fi
  if [ ! -f "$TOOLS/py/dnstwist.py" ] || ! grep -q "^__version__ = '$DNSTWIST_VERSION'" "$TOOLS/py/dnstwist.py"; then
    say "installing dnstwist $DNSTWIST_VERSION into .tools/py (accuracy harness)"
    python3 -m pip install --quiet --disable-pip-version-check --no-deps --upgrade \
      --target "$TOOLS/py" "dnstwist==$DNSTWIST_VERSION"
  fi
  if ! command -v openssl >/dev/null; then
    say "installing openssl (the end-to-end fixture server's TLS certificate)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
  fi
  command -v npm >/dev/null || die "npm is missing: install Node.js 20 or later"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dev tools (playwright-core, ws, web-ext, binaryen, esbuild)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

crate_version() {
  awk -F'"' '/^version = / { print $2; exit }' Cargo.toml
}

# Builds the wasm core with the given cargo feature flags and binds it into directory $1.
wasm_package() {
  local pkg="$1"
  shift
  cargo build --release --locked --target "$WASM_TARGET" --lib "$@"
  rm -rf "$pkg" && mkdir -p "$pkg"
  wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name miwake \
    "target/$WASM_TARGET/release/miwake.wasm"
  # binaryen from npm: Debian's binaryen 108 writes modules that fail to load.
  # psl's lookup is thousands of functions with one caller each; inlined, they make one function
  # of half a megabyte that V8 compiles whole on the first check (a slower first verdict).
  wasm-opt -Oz --one-caller-inline-max-function-size=50 --strip-debug --strip-producers \
    "$pkg/miwake_bg.wasm" -o "$pkg/miwake_bg.wasm"
}

# "raw bytes, gzipped bytes" of a wasm module.
wasm_size() {
  echo "$(wc -c <"$1") bytes, $(gzip -9 -c "$1" | wc -c) gzipped"
}

build() {
  # The extension never reads mail: its module is built without the mail checker (size budget).
  say "building the wasm core for the extension (no mail checker)"
  local pkg="$DIST/pkg"
  wasm_package "$pkg" --no-default-features
  say "building the wasm core for www/ (with the mail checker)"
  local www_pkg="$DIST/pkg-www"
  wasm_package "$www_pkg" --no-default-features --features mail

  say "building the native CLI"
  cargo build --release --locked --bin miwake

  say "assembling dist/"
  rm -rf "$DIST/extension" "$DIST/firefox" "$DIST/www"
  cp -R www "$DIST/www"
  mkdir -p "$DIST/www/wasm"
  cp "$www_pkg/miwake.js" "$www_pkg/miwake_bg.wasm" "$DIST/www/wasm/"
  # One source, two browsers: the copies differ only in their manifest (scripts/browser-manifest.mjs).
  local version browser dir zip
  version="$(crate_version)"
  for browser in chrome firefox; do
    dir="$DIST/extension"
    zip="$DIST/miwake-extension-$version.zip"
    if [ "$browser" = firefox ]; then
      dir="$DIST/firefox"
      zip="$DIST/miwake-firefox-$version.zip"
    fi
    cp -R extension "$dir"
    mkdir -p "$dir/wasm"
    cp "$pkg/miwake.js" "$pkg/miwake_bg.wasm" "$dir/wasm/"
    rm -f "$dir/icons/make-icons.py"
    node scripts/pack-extension.mjs "$dir" "$browser"
    python3 - "$dir" "$zip" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in sorted(os.walk(src)):
        for name in sorted(files):
            path = os.path.join(base, name)
            z.write(path, os.path.relpath(path, src))
PY
  done
  say "wasm (extension): $(wasm_size "$pkg/miwake_bg.wasm"); wasm (www, with mail): $(wasm_size "$www_pkg/miwake_bg.wasm"); zips: $DIST/miwake-{extension,firefox}-$version.zip"
}

run_tests() {
  say "cargo fmt --check"
  cargo fmt --all -- --check
  say "cargo clippy (native and wasm32)"
  cargo clippy --locked --all-targets -- -D warnings
  cargo clippy --locked --target "$WASM_TARGET" --lib -- -D warnings
  cargo clippy --locked --target "$WASM_TARGET" --lib --no-default-features -- -D warnings
  say "cargo test"
  cargo test --locked
  build
  say "end-to-end tests in Chromium"
  MIWAKE_EXTENSION_DIR="$DIST/extension" node --test --test-concurrency=1 tests/e2e/
  say "web-ext lint of the Firefox add-on"
  node scripts/lint-firefox.mjs "$DIST/firefox"
  say "end-to-end tests in Firefox ESR"
  MIWAKE_BROWSER=firefox MIWAKE_FIREFOX_EXTENSION_DIR="$DIST/firefox" node --test --test-concurrency=1 \
    tests/e2e/core-scenarios.test.mjs tests/firefox/
}

accuracy() {
  cargo build --release --locked --bin miwake
  PYTHONPATH="$TOOLS/py" python3 scripts/accuracy.py target/release/miwake
}

bench() {
  build
  say "benchmarks (a few minutes; figures in target/bench/results.json)"
  node scripts/bench.mjs "$@"
}

run_product() {
  build
  local port="${PORT:-8765}"
  node scripts/serve.mjs "$DIST/www" "$port" &
  local server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  local url="http://localhost:$port/"
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    local profile
    profile="$(mktemp -d)"
    say "opening $url in Chromium with the extension loaded (fresh profile $profile)"
    "$CHROMIUM" --user-data-dir="$profile" --no-first-run \
      --disable-extensions-except="$DIST/extension" --load-extension="$DIST/extension" "$url" || true
  else
    cat <<EOF

No display here, so Chromium is not opened. Miwake is built and its page is served:

  Page:       $url   (check any address with the same wasm the extension uses)
  CLI:        target/release/miwake check https://alibba.com/login
  Extension:  open chrome://extensions, turn on Developer mode, "Load unpacked", and choose
              $DIST/extension
              (or the store upload: $(ls "$DIST"/miwake-extension-*.zip))

Press Ctrl-C to stop serving.
EOF
    wait "$server"
  fi
}

case "${1:-help}" in
  setup) setup ;;
  build) setup; build ;;
  test) setup; run_tests ;;
  run) setup; run_product ;;
  accuracy) setup; accuracy ;;
  bench) shift; setup; bench "$@" ;;
  help | -h | --help) usage ;;
  *) usage; exit 2 ;;
esac
