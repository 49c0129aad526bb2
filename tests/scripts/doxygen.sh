#!/usr/bin/env bash
# Doxygen must document the public API without a single warning.
# usage: bash doxygen.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
set -euo pipefail

src=$(cd "${2:?usage: doxygen.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}" && pwd)

if ! command -v doxygen >/dev/null 2>&1; then
  echo "SKIP: doxygen not installed (scripts/deps.sh --test installs it)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
# Same configuration, output and log redirected so the source tree is untouched.
if ! ( cat Doxyfile; echo "OUTPUT_DIRECTORY=$tmp"; echo "WARN_LOGFILE=$tmp/w.log" ) | doxygen - >"$tmp/out.log" 2>&1; then
  echo "FAIL: doxygen exited non-zero"
  cat "$tmp/out.log"
  exit 1
fi

if [ -s "$tmp/w.log" ]; then
  echo "FAIL: doxygen warnings ($(grep -c . "$tmp/w.log")):"
  sed "s|$src/||" "$tmp/w.log"
  exit 1
fi
echo "OK: doxygen $(doxygen --version) found no warnings in $(grep -E '^INPUT' Doxyfile | sed 's/.*= *//')"
