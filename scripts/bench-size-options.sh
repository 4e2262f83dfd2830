#!/usr/bin/env bash
# The wasm size options side by side: suffix-list implementation (the compiled label tables in
# src/suffix_list.rs; psl's compiled match; the publicsuffix crate reading the embedded list at
# start-up, as text or deflated: the bench-suffix-* features), opt-level (the crate's own and the
# dependencies'), LTO and wasm-opt flags. For each: raw and gzip -9 size of the
# module, and in Node (scripts/bench-wasm.mjs) the cold start (compile, instantiate, first
# Detector, first check) and the warm check per URL. Prints a Markdown table. Slow (one release
# build per row group, about 15 minutes); run after `./build.sh setup`:
#
#   scripts/bench-size-options.sh [OUT.md]
#
# Every row builds HEAD (git archive, in /tmp), so edits in the work tree during the run do not
# leak in; only the features and build settings differ.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.tools/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OUT="${1:-target/bench/size-options.md}"
WORK="$(mktemp -d /tmp/miwake-size-options-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p target/bench
node scripts/bench-corpus.mjs target/bench/corpus.txt 2>/dev/null

rows=()

# build NAME FEATURES OPT_LEVEL CRATE_OPT_LEVEL LTO -> $WORK/NAME.wasm (wasm-bindgen output,
# before wasm-opt). OPT_LEVEL is the release profile's (the dependencies'), CRATE_OPT_LEVEL the
# miwake crate's own (Cargo.toml's [profile.release.package.miwake]).
build() {
  local name="$1" features="$2" opt="$3" crate_opt="$4" lto="$5"
  case "$crate_opt" in s|z) crate_opt="\"$crate_opt\"" ;; esac
  (cd "$SRC" && CARGO_TARGET_DIR="$WORK/target" CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" \
    CARGO_PROFILE_RELEASE_LTO="$lto" cargo build --quiet --release --target wasm32-unknown-unknown \
    --config "profile.release.package.miwake.opt-level=$crate_opt" \
    --lib --no-default-features --features "$features")
  mkdir -p "$WORK/pkg-$name"
  wasm-bindgen --target web --no-typescript --out-dir "$WORK/pkg-$name" --out-name miwake \
    "$WORK/target/wasm32-unknown-unknown/release/miwake.wasm"
  cp "$WORK/pkg-$name/miwake_bg.wasm" "$WORK/$name.wasm"
}

# measure LABEL NAME WASM_OPT_FLAGS...
measure() {
  local label="$1" name="$2"
  shift 2
  local pkg="$WORK/pkg-$name-$*"
  pkg="${pkg// /_}"
  mkdir -p "$pkg"
  cp "$WORK/pkg-$name/miwake.js" "$pkg/"
  if [ "$#" -gt 0 ]; then
    wasm-opt "$@" --strip-debug --strip-producers "$WORK/$name.wasm" -o "$pkg/miwake_bg.wasm"
  else
    cp "$WORK/$name.wasm" "$pkg/miwake_bg.wasm"
  fi
  local raw gz json
  raw=$(wc -c <"$pkg/miwake_bg.wasm")
  gz=$(gzip -9 -c "$pkg/miwake_bg.wasm" | wc -c)
  json=$(node scripts/bench-wasm.mjs --pkg "$pkg" --cold-runs 7 --rounds 3)
  rows+=("$(node -e '
    const [label, raw, gz, j] = process.argv.slice(1);
    const r = JSON.parse(j); const ms = (us) => (us / 1000).toFixed(1);
    console.log(`| ${label} | ${(raw / 1024).toFixed(0)} KB | ${(gz / 1024).toFixed(0)} KB | ${ms(r.cold.compile)} | ${ms(r.cold.instantiate)} | ${ms(r.cold.detector)} | ${ms(r.cold.firstCheck)} | ${ms(r.cold.total)} | ${r.check.medianUs.toFixed(1)} |`);
  ' "$label" "$raw" "$gz" "$json")")
  printf '%s\n' "${rows[-1]}" >&2
}

SRC="$WORK/src"
mkdir -p "$SRC"
git archive HEAD | tar -x -C "$SRC"
echo "building $(git rev-parse --short HEAD) in $SRC" >&2

build tables "" s 2 true
measure "compiled label tables (shipped): crate opt 2, deps opt s, LTO, wasm-opt -Oz" tables -Oz
measure "compiled label tables: crate opt 2, deps s, LTO, wasm-opt -O3" tables -O3
measure "compiled label tables: crate opt 2, deps s, LTO, no wasm-opt" tables
build psl bench-suffix-psl s 2 true
measure "psl 2.1.247 (list compiled to a match): crate opt 2, deps s, LTO, wasm-opt -Oz" psl -Oz
build publicsuffix bench-suffix-publicsuffix s 2 true
measure "publicsuffix 2.3 reading the embedded list (text): crate opt 2, deps s, LTO, wasm-opt -Oz" publicsuffix -Oz
build publicsuffix-deflate bench-suffix-publicsuffix-deflate s 2 true
measure "publicsuffix 2.3 reading the embedded list (deflated, miniz_oxide): crate opt 2, deps s, LTO, wasm-opt -Oz" publicsuffix-deflate -Oz
build tables-s "" s s true
measure "compiled label tables: all opt s, LTO, wasm-opt -Oz" tables-s -Oz
build tables-z "" z z true
measure "compiled label tables: all opt z, LTO, wasm-opt -Oz" tables-z -Oz
build tables-3 "" 3 3 true
measure "compiled label tables: all opt 3, LTO, wasm-opt -Oz" tables-3 -Oz
build tables-nolto "" s 2 false
measure "compiled label tables: crate opt 2, deps s, no LTO, wasm-opt -Oz" tables-nolto -Oz

{
  echo "| option | wasm | gzip -9 | compile ms | instantiate ms | first Detector ms | first check ms | cold total ms | warm check µs (median) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
} | tee "$OUT"
