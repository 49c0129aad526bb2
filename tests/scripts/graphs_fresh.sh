#!/usr/bin/env bash
# graphs/example.* (every format: json dot svg png pdf graphml gexf csv nodes.csv) is
# what the current build writes for corpus/example.
# The PNG and PDF are compared byte for byte too: they are deterministic for one
# Graphviz/cairo/pango/font build, and CI runs on the same machine image as the
# one that wrote graphs/ (on another, regenerate: scripts/build.sh).
# usage: bash graphs_fresh.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR
set -uo pipefail

ag=${1:?usage: graphs_fresh.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Same working directory, input path and options as scripts/build.sh, so anything
# the writers take from the command line (the default title) is the same too.
cd "$src" || exit 1
if ! "$ag" build corpus/example -f all -o "$tmp/example" -q; then
  echo "FAIL: $ag build corpus/example -f all exited non-zero"
  exit 1
fi
stale=0
for ext in json dot svg png pdf graphml gexf csv nodes.csv html; do
  if [ ! -f "graphs/example.$ext" ]; then
    echo "missing: graphs/example.$ext"
    stale=1
  elif ! cmp "$tmp/example.$ext" "graphs/example.$ext"; then
    stale=1
  fi
done
if [ "$stale" -ne 0 ]; then
  echo "graphs/ is stale: run scripts/build.sh and commit graphs/"
  exit 1
fi
echo "graphs/ is fresh"
