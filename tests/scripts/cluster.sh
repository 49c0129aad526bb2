#!/usr/bin/env bash
# Opt-in: the cluster test (tests/cluster/run.sh) starts a single-node Slurm and a Dask
# scheduler with two workers on 127.0.0.1, installs slurm-wlm, munge and
# python3-distributed with apt-get when missing, and needs root. It runs only with
# AG_CLUSTER_TESTS=1 (CI sets it); otherwise it is skipped.
# usage: bash cluster.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR   (exit 77 = skipped)
ag=${1:?usage: cluster.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
src=${2:?usage: cluster.sh ACTORGRAPH_BIN SOURCE_DIR SHARED_DIR}
if [ "${AG_CLUSTER_TESTS:-0}" != 1 ]; then
  echo "SKIP: the cluster test (Slurm + Dask on loopback; root, apt-get) is opt-in: set AG_CLUSTER_TESTS=1 to run it"
  exit 77
fi
case "$ag" in
  *asan*) echo "SKIP: the cluster test runs once, with the plain build (not under the sanitizers)"; exit 77 ;;
esac
exec bash "$src/tests/cluster/run.sh" "$ag" "$src" "${3:-}"
