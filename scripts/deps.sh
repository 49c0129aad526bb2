#!/usr/bin/env bash
# deps.sh [--test] - install the Debian packages actorgraph needs, only those missing.
#
#   build:   build-essential cmake pkg-config libjson-c-dev libgraphviz-dev
#   --test:  also libcriterion-dev doxygen graphviz python3 valgrind fonts-dejavu-core, then
#            ../shared/validate/setup.sh (chromium, node modules, networkx) when
#            ../shared/validate exists beside the repository.
#
# Safe to run again: apt-get runs only when something is missing. Needs root,
# or sudo when not root.
set -euo pipefail

root=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)

want_test=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "deps.sh: unknown argument '$arg' (usage: scripts/deps.sh [--test])" >&2; exit 2 ;;
  esac
done

packages=(build-essential cmake pkg-config libjson-c-dev libgraphviz-dev)
if [ "$want_test" -eq 1 ]; then
  # fonts-dejavu-core: the SVG golden file depends on the font Graphviz measures text with
  # clang + libclang-rt-14-dev: the libFuzzer targets' short CI runs (tests/fuzz/ci.sh)
  packages+=(libcriterion-dev doxygen graphviz python3 valgrind fonts-dejavu-core clang-tidy strace
             clang libclang-rt-14-dev)
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps.sh: dpkg-query not found: this script knows Debian/Ubuntu only." >&2
  echo "deps.sh: install by hand: ${packages[*]}" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "deps.sh: missing packages: ${missing[*]}" >&2
    echo "deps.sh: run as root or install sudo, or install them by hand:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "deps.sh: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "deps.sh: already installed: ${packages[*]}"
fi

if [ "$want_test" -eq 1 ]; then
  validate="$root/../shared/validate"
  if [ -d "$validate" ]; then
    bash "$validate/setup.sh"
  else
    echo "deps.sh: ../shared/validate not found beside the project; validator tools not installed"
  fi
fi
