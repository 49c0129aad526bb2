#!/usr/bin/env bash
# build.sh - install what is missing, build actorgraph (Release) into build/, and
# write the example network graphs/example.{dot,svg,json} from corpus/example/.
# Runs from any directory.
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

scripts/deps.sh
# Tests (Criterion) are built by scripts/test.sh; warnings stay warnings here so a
# newer compiler cannot break a user's build (CI builds with -Werror).
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DAG_BUILD_TESTS=OFF -DAG_WERROR=OFF
cmake --build build -j"$(nproc)"

mkdir -p graphs
build/actorgraph build corpus/example -f all -o graphs/example

root=$(pwd)
echo
echo "actorgraph built:  $root/build/actorgraph"
echo "example network:   $root/graphs/example.svg"
echo "                   $root/graphs/example.json"
echo "                   $root/graphs/example.dot"
echo "try:               build/actorgraph --help"
