#!/usr/bin/env bash
# `cmake --install` into a temporary prefix puts every file where it belongs,
# and examples/network_summary.c builds against the installed library twice:
# with pkg-config (actorgraph.pc) and with CMake's find_package(actorgraph).
# The installed binary runs, the man page renders.
# Usage: install.sh ACTORGRAPH SOURCE_DIR [SHARED_DIR]   (the build dir is ACTORGRAPH's directory)
set -u
ag=$1
src=$(cd "$2" && pwd)
build=$(cd "$(dirname -- "$ag")" && pwd)
for tool in cmake pkg-config cc; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found"
    exit 77
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 failed=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
prefix=$tmp/prefix
# A sanitizer build's library needs the sanitizer runtimes in the programs that link it.
san=()
if grep -q '^AG_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  san=(-fsanitize=address,undefined)
  export LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0"
fi

if ! cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "FAIL: cmake --install"
  exit 1
fi
for f in bin/actorgraph include/actorgraph/actorgraph.h include/actorgraph/export.h lib/libactorgraph.a \
  share/actorgraph/lexicons/default.json lib/pkgconfig/actorgraph.pc lib/cmake/actorgraph/actorgraphConfig.cmake \
  lib/cmake/actorgraph/actorgraphConfigVersion.cmake lib/cmake/actorgraph/actorgraphTargets.cmake \
  share/man/man1/actorgraph.1; do
  if [ -e "$prefix/$f" ]; then ok; else bad "not installed: $f"; fi
done
# Every public header, every lexicon.
for h in "$src"/include/actorgraph/*.h; do
  [ -e "$prefix/include/actorgraph/$(basename "$h")" ] || bad "header not installed: $(basename "$h")"
done
for l in "$src"/lexicons/*.json; do
  [ -e "$prefix/share/actorgraph/lexicons/$(basename "$l")" ] || bad "lexicon not installed: $(basename "$l")"
done

# The installed program runs, finds nothing of the build tree, and its man page renders.
if "$prefix/bin/actorgraph" --version | grep -q '^actorgraph [0-9]'; then ok; else bad "installed actorgraph --version"; fi
if "$prefix/bin/actorgraph" lexicon --check "$prefix/share/actorgraph/lexicons/default.json" >/dev/null 2>&1; then ok; else
  bad "the installed default lexicon does not check"
fi
if command -v man >/dev/null 2>&1; then
  if MANWIDTH=80 man -l "$prefix/share/man/man1/actorgraph.1" 2>"$tmp/man.err" | grep -q 'THE HTML REPORT' &&
    [ ! -s "$tmp/man.err" ]; then ok; else bad "man page: $(head -3 "$tmp/man.err")"; fi
fi

# pkg-config: the .pc points into the prefix it was installed to.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
if [ "$(pkg-config --modversion actorgraph)" = "$("$ag" --version | sed 's/^actorgraph //')" ]; then ok; else
  bad "pkg-config --modversion: $(pkg-config --modversion actorgraph 2>&1)"
fi
incdir=$(pkg-config --variable=includedir actorgraph)
if [ -n "$incdir" ] && [ "$(cd "$incdir" 2>/dev/null && pwd -P)" = "$(cd "$prefix/include" && pwd -P)" ]; then ok; else
  bad "pkg-config includedir $incdir is not $prefix/include"
fi
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -Werror "${san[@]}" -o "$tmp/pc-example" "$src/examples/network_summary.c" \
  $(pkg-config --cflags --libs --static actorgraph) 2>"$tmp/cc.err"; then ok; else
  bad "cc with pkg-config: $(head -5 "$tmp/cc.err")"
fi
run_example() { # run_example NAME BINARY
  if [ -x "$2" ] && "$2" "$tmp/$1.html" "$src/corpus/example" >"$tmp/$1.out" 2>"$tmp/$1.err" &&
    grep -q '^Pakistan -- Russia: weight [0-9]' "$tmp/$1.out" && grep -q 'id="ag-data"' "$tmp/$1.html"; then
    ok
  else
    bad "$1: the example did not run: $(head -3 "$tmp/$1.err")"
  fi
}
run_example pkg-config "$tmp/pc-example"

# find_package(actorgraph): a fresh CMake project.
mkdir -p "$tmp/cm"
cat >"$tmp/cm/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.25)
project(uses_actorgraph LANGUAGES C)
find_package(actorgraph 0.1 REQUIRED)
add_executable(example "$src/examples/network_summary.c")
target_link_libraries(example PRIVATE actorgraph::actorgraph)
EOF
if cmake -S "$tmp/cm" -B "$tmp/cm/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="${san[*]}" \
  -DCMAKE_EXE_LINKER_FLAGS="${san[*]}" >"$tmp/cm.log" 2>&1 &&
  cmake --build "$tmp/cm/build" >>"$tmp/cm.log" 2>&1; then ok; else
  bad "find_package build: $(tail -15 "$tmp/cm.log")"
fi
run_example find_package "$tmp/cm/build/example"

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
