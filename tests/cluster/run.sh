#!/usr/bin/env bash
# The cluster test, for real on loopback: a single-node Slurm (munge + slurmctld + slurmd,
# config in a temp folder) and a Dask scheduler with two workers on 127.0.0.1. The example
# corpus (as a file list) and a generated 50 MB JSON Lines file go through
# contrib/slurm/ag-slurm.sh and contrib/dask/ag_dask.py; each merged network JSON must be
# byte for byte that of a single `actorgraph build` of the same input. Also: a failing
# shard is reported and a rerun redoes only it. Prints the throughput of each way.
# Everything started here is stopped on exit, also when a step fails.
#
# usage: bash tests/cluster/run.sh ACTORGRAPH_BIN SOURCE_DIR [SHARED_DIR]
#   needs root (installs slurm-wlm, munge, python3-distributed with apt-get when missing);
#   exit 0 passed, 1 failed, 77 cannot run here (not root, no apt-get).
#   AG_CLUSTER_MB=50 size of the generated corpus; AG_CLUSTER_RUNS=3 timed runs of each way;
#   AG_CLUSTER_KEEP=1 keeps the temp folder (configs, logs, outputs).
set -uo pipefail

ag=${1:?usage: run.sh ACTORGRAPH_BIN SOURCE_DIR [SHARED_DIR]}
src=${2:?usage: run.sh ACTORGRAPH_BIN SOURCE_DIR [SHARED_DIR]}
mb=${AG_CLUSTER_MB:-50}
runs=${AG_CLUSTER_RUNS:-3}
[ -x "$ag" ] || { echo "SKIP: $ag is not built"; exit 77; }
ag=$(cd "$(dirname "$ag")" && pwd)/$(basename "$ag")
src=$(cd "$src" && pwd)
py=/usr/bin/python3 # Debian's python, the one python3-distributed is installed for

if [ "$(id -u)" != 0 ]; then echo "SKIP: the cluster test needs root (it starts munged, slurmctld, slurmd)"; exit 77; fi

# ---------------------------------------------------------------- packages
need=()
command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 && command -v sbatch >/dev/null 2>&1 || need+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || need+=(munge)
[ -x $py ] && $py -c 'import distributed' 2>/dev/null || need+=(python3-distributed)
command -v bc >/dev/null 2>&1 || need+=(bc)
if [ "${#need[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || { echo "SKIP: missing ${need[*]} and no apt-get"; exit 77; }
  echo "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
    echo "FAIL: apt-get install ${need[*]} failed"
    exit 1
  fi
fi

tmp=$(mktemp -d /tmp/ag-cluster.XXXXXX)
chmod 755 "$tmp"
pids=() # started here, stopped in reverse order
failures=0 checks=0
ok() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scancel --quiet --name=ag-shard 2>/dev/null
    scancel --quiet --name=ag-merge 2>/dev/null
    sleep 1
  fi
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null; done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.5; done
    kill -9 "${pids[$i]}" 2>/dev/null
  done
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && [ -d "$tmp/log" ]; then
    for f in "$tmp"/log/*; do echo "--- last lines of $f"; tail -n 15 "$f"; done
  fi
  if [ "${AG_CLUSTER_KEEP:-0}" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp/log"

free_port() { $py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# ---------------------------------------------------------------- inputs and single runs
ls "$src/corpus/example" | LC_ALL=C sort >"$tmp/example.list"
"$ag" build -q -f json,dot -o "$tmp/example-single" "$src/corpus/example" || { fail "single build of the example corpus"; exit 1; }
echo "generating a $mb MB JSON Lines corpus"
python3 "$src/bench/gen_corpus.py" --mb "$mb" --out "$tmp/big.jsonl" >/dev/null || { fail "gen_corpus.py"; exit 1; }
bytes=$(stat -c %s "$tmp/big.jsonl")
single_t=()
for ((r = 0; r < runs; r++)); do
  t=$(now)
  "$ag" build -q -j 1 -f json -o "$tmp/big-single" "$tmp/big.jsonl" || { fail "single build of big.jsonl"; exit 1; }
  single_t+=("$(elapsed "$t")")
done
singlej_t=()
for ((r = 0; r < runs; r++)); do
  t=$(now)
  "$ag" build -q -f json -o "$tmp/big-singlej" "$tmp/big.jsonl" || { fail "single build -j of big.jsonl"; exit 1; }
  singlej_t+=("$(elapsed "$t")")
done

# a binary that fails for shard 1 while $tmp/break exists (for the failure and rerun checks)
cat >"$tmp/flaky-actorgraph" <<EOF
#!/bin/sh
if [ -f "$tmp/break" ]; then
  case " \$* " in *"/shards/1 "*|*"--flaky-1 "*) echo "actorgraph: shard 1 broken on purpose" >&2; exit 1 ;; esac
fi
exec "$ag" "\$@"
EOF
chmod +x "$tmp/flaky-actorgraph"

# ---------------------------------------------------------------- Slurm
slurm() {
  local conf=$tmp/slurm host ctl_port d_port
  mkdir -p "$conf/state" "$conf/spool" "$tmp/munge"
  # munge with a key and socket of its own
  chmod 711 "$tmp/munge"
  dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$tmp/munge/munge.key"
  munged -F --force --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/socket" \
    --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/seed" >"$tmp/log/munged.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do [ -S "$tmp/munge/socket" ] && break; sleep 0.1; done
  if munge -S "$tmp/munge/socket" -n </dev/null | unmunge -S "$tmp/munge/socket" >/dev/null 2>&1; then ok "munge: credential round trip"; else
    fail "munge does not work (see $tmp/log/munged.log)"; return 1; fi

  host=$(hostname -s)
  ctl_port=$(free_port)
  d_port=$(free_port)
  cat >"$conf/slurm.conf" <<EOF
ClusterName=agtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/socket
StateSaveLocation=$conf/state
SlurmdSpoolDir=$conf/spool
SlurmctldPidFile=$conf/slurmctld.pid
SlurmdPidFile=$conf/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# no systemd, no cgroups in this container
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MailProg=/bin/true
PlugStackConfig=$conf/plugstack.conf
TmpFS=$tmp
MinJobAge=600
NodeName=agnode NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ag Nodes=agnode Default=YES MaxTime=INFINITE State=UP
EOF
  : >"$conf/plugstack.conf"
  printf 'CgroupPlugin=autodetect\nIgnoreSystemd=yes\n' >"$conf/cgroup.conf"
  export SLURM_CONF=$conf/slurm.conf
  slurmctld -D -i -f "$SLURM_CONF" >>"$tmp/log/slurmctld.out" 2>&1 &
  pids+=($!)
  slurmd -D -N agnode -f "$SLURM_CONF" >>"$tmp/log/slurmd.out" 2>&1 &
  pids+=($!)
  local up=0
  for _ in $(seq 60); do
    if sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then up=1; break; fi
    sleep 0.5
  done
  if [ "$up" = 1 ]; then ok "slurm: node agnode is up ($(sinfo -h -N -o '%N %T %c'))"; else
    fail "slurm: the node did not come up: $(sinfo -N 2>&1 | tail -n 2 | tr '\n' ' ')"; return 1; fi
  if [ "$(timeout 60 srun -N1 -n1 echo hi 2>&1)" = hi ]; then ok "slurm: srun runs a step"; else fail "slurm: srun echo hi"; fi

  local s=$src/contrib/slurm/ag-slurm.sh
  # the example corpus as a file list, 3 shards, JSON and the DOT diagram
  if timeout 300 bash "$s" submit -n 3 -C "$src/corpus/example" -d "$tmp/slurm-ex" -b "$ag" -f json,dot --wait \
    "$tmp/example.list" >"$tmp/log/slurm-ex.txt" 2>&1; then
    cmp -s "$tmp/slurm-ex/out/example.json" "$tmp/example-single.json" &&
      ok "slurm: example corpus, 3 array tasks + merge job: JSON identical to the single run" ||
      fail "slurm: example corpus: merged JSON differs from the single run"
    cmp -s "$tmp/slurm-ex/out/example.dot" "$tmp/example-single.dot" &&
      ok "slurm: example corpus: DOT diagram identical too" || fail "slurm: example corpus: DOT differs"
  else fail "slurm: example corpus run failed: $(tail -n 5 "$tmp/log/slurm-ex.txt" | tr '\n' ' ')"; fi

  # a failing shard: reported, merge cancelled, the rerun redoes only it
  touch "$tmp/break"
  if timeout 300 bash "$s" submit -n 3 -C "$src/corpus/example" -d "$tmp/slurm-fail" -b "$tmp/flaky-actorgraph" -f json --wait \
    "$tmp/example.list" >"$tmp/log/slurm-fail.txt" 2>&1; then
    fail "slurm: a failing shard: submit --wait said ok"
  else
    if [ -f "$tmp/slurm-fail/shards/0.json" ] && [ -f "$tmp/slurm-fail/shards/2.json" ] && [ ! -f "$tmp/slurm-fail/shards/1.json" ] &&
      [ ! -f "$tmp/slurm-fail/out/example.json" ]; then ok "slurm: shard 1 failed, 0 and 2 kept, no merge"; else
      fail "slurm: failing shard: unexpected files: $(cd "$tmp/slurm-fail" && find shards out -type f | tr '\n' ' ')"; fi
    bash "$s" status "$tmp/slurm-fail" >"$tmp/log/slurm-status.txt" 2>&1
    grep -q 'shard 1 missing: .*broken on purpose' "$tmp/log/slurm-status.txt" &&
      ok "slurm: status names the failed shard and why" || fail "slurm: status: $(tr '\n' ' ' <"$tmp/log/slurm-status.txt")"
  fi
  rm -f "$tmp/break"
  local m0 m2
  m0=$(stat -c %Y.%i "$tmp/slurm-fail/shards/0.json" 2>/dev/null)
  m2=$(stat -c %Y.%i "$tmp/slurm-fail/shards/2.json" 2>/dev/null)
  sleep 1
  if timeout 300 bash "$s" rerun "$tmp/slurm-fail" --wait >"$tmp/log/slurm-rerun.txt" 2>&1 &&
    cmp -s "$tmp/slurm-fail/out/example.json" "$tmp/example-single.json"; then
    if grep -q 'tasks 1$' "$tmp/log/slurm-rerun.txt" && [ "$m0" = "$(stat -c %Y.%i "$tmp/slurm-fail/shards/0.json")" ] &&
      [ "$m2" = "$(stat -c %Y.%i "$tmp/slurm-fail/shards/2.json")" ]; then
      ok "slurm: rerun redid shard 1 only; merged JSON identical to the single run"
    else fail "slurm: rerun redid more than shard 1: $(tr '\n' ' ' <"$tmp/log/slurm-rerun.txt")"; fi
  else fail "slurm: rerun failed: $(tail -n 5 "$tmp/log/slurm-rerun.txt" | tr '\n' ' ')"; fi

  # the big JSON Lines file, 8 shards (chunks of whole lines), timed
  for ((r = 0; r < runs; r++)); do
    local t
    t=$(now)
    if timeout 600 bash "$s" submit -n 8 -d "$tmp/slurm-big$r" -b "$ag" -f json --wait "$tmp/big.jsonl" \
      >"$tmp/log/slurm-big$r.txt" 2>&1; then
      slurm_t+=("$(elapsed "$t")")
      cmp -s "$tmp/slurm-big$r/out/big.json" "$tmp/big-single.json" &&
        ok "slurm: $mb MB JSONL, 8 array tasks + merge (run $((r + 1))): JSON identical to the single run" ||
        fail "slurm: $mb MB JSONL: merged JSON differs from the single run"
    else fail "slurm: $mb MB JSONL run failed: $(tail -n 5 "$tmp/log/slurm-big$r.txt" | tr '\n' ' ')"; fi
    rm -rf "$tmp/slurm-big$r/shards"
  done
}

# ---------------------------------------------------------------- Dask
dask_run() {
  local port addr d=$src/contrib/dask/ag_dask.py
  port=$(free_port)
  addr=tcp://127.0.0.1:$port
  (cd "$tmp" && exec $py -m distributed.cli.dask_scheduler --host 127.0.0.1 --port "$port" --dashboard-address 127.0.0.1:0 \
    >"$tmp/log/dask-scheduler.log" 2>&1) &
  pids+=($!)
  local w
  for w in 1 2; do
    (cd "$tmp" && exec $py -m distributed.cli.dask_worker "$addr" --host 127.0.0.1 --nworkers 1 --nthreads 1 --no-dashboard \
      --name "w$w" --local-directory "$tmp/dask-w$w" >"$tmp/log/dask-worker$w.log" 2>&1) &
    pids+=($!)
  done
  local up=0
  for _ in $(seq 120); do
    if $py -c "from distributed import Client; c=Client('$addr', timeout=2); import sys; sys.exit(len(c.scheduler_info()['workers']) < 2)" 2>/dev/null; then up=1; break; fi
    sleep 0.5
  done
  if [ "$up" = 1 ]; then ok "dask: scheduler $addr with 2 workers"; else fail "dask: scheduler/workers did not come up"; return 1; fi

  if timeout 300 $py "$d" -s "$addr" -n 3 -C "$src/corpus/example" -d "$tmp/dask-ex" -b "$ag" -f json,dot "$tmp/example.list" \
    >"$tmp/log/dask-ex.txt" 2>&1; then
    cmp -s "$tmp/dask-ex/out/example.json" "$tmp/example-single.json" &&
      ok "dask: example corpus, 3 shards on 2 workers: JSON identical to the single run" ||
      fail "dask: example corpus: merged JSON differs from the single run"
    cmp -s "$tmp/dask-ex/out/example.dot" "$tmp/example-single.dot" &&
      ok "dask: example corpus: DOT diagram identical too" || fail "dask: example corpus: DOT differs"
  else fail "dask: example corpus run failed: $(tail -n 5 "$tmp/log/dask-ex.txt" | tr '\n' ' ')"; fi

  # a failing shard, then the same command again redoes only it (file list: the flaky binary sees --flaky-1? no:
  # it sees the build arguments; shard 1 of the list is recognised by its first path)
  local first1
  first1=$(sed -n 2p "$tmp/example.list")
  sed -i "s|\\*\"--flaky-1 \"\\*|*\" $first1 \"*|" "$tmp/flaky-actorgraph"
  touch "$tmp/break"
  if timeout 300 $py "$d" -s "$addr" -n 3 -C "$src/corpus/example" -d "$tmp/dask-fail" -b "$tmp/flaky-actorgraph" -f json \
    "$tmp/example.list" >"$tmp/log/dask-fail.txt" 2>&1; then fail "dask: a failing shard: exit 0"; else
    if grep -q 'shard 1 FAILED.*broken on purpose' "$tmp/log/dask-fail.txt" && [ -f "$tmp/dask-fail/shards/0.json" ] &&
      [ -f "$tmp/dask-fail/shards/2.json" ] && [ ! -f "$tmp/dask-fail/shards/1.json" ]; then
      ok "dask: shard 1 failed and was reported, 0 and 2 kept"
    else fail "dask: failing shard: $(tr '\n' ' ' <"$tmp/log/dask-fail.txt" | tail -c 400)"; fi
  fi
  rm -f "$tmp/break"
  if timeout 300 $py "$d" -s "$addr" -n 3 -C "$src/corpus/example" -d "$tmp/dask-fail" -b "$tmp/flaky-actorgraph" -f json \
    "$tmp/example.list" >"$tmp/log/dask-rerun.txt" 2>&1 && grep -q '2 shards kept' "$tmp/log/dask-rerun.txt" &&
    grep -q 'shard 1 done (1/1' "$tmp/log/dask-rerun.txt" && cmp -s "$tmp/dask-fail/out/example.json" "$tmp/example-single.json"; then
    ok "dask: the same command again redid shard 1 only; merged JSON identical"
  else fail "dask: rerun: $(tr '\n' ' ' <"$tmp/log/dask-rerun.txt" | tail -c 400)"; fi

  for ((r = 0; r < runs; r++)); do
    local t
    t=$(now)
    if timeout 600 $py "$d" -s "$addr" -n 8 -d "$tmp/dask-big$r" -b "$ag" -f json "$tmp/big.jsonl" >"$tmp/log/dask-big$r.txt" 2>&1; then
      dask_t+=("$(elapsed "$t")")
      cmp -s "$tmp/dask-big$r/out/big.json" "$tmp/big-single.json" &&
        ok "dask: $mb MB JSONL, 8 shards on 2 workers (run $((r + 1))): JSON identical to the single run" ||
        fail "dask: $mb MB JSONL: merged JSON differs from the single run"
    else fail "dask: $mb MB JSONL run failed: $(tail -n 5 "$tmp/log/dask-big$r.txt" | tr '\n' ' ')"; fi
    rm -rf "$tmp/dask-big$r/shards"
  done

  # the default: no scheduler given, a LocalCluster of 2 workers
  # (and --shared-fs: the workers read their chunks from the input's path)
  if timeout 300 $py "$d" -w 2 -n 4 --shared-fs -d "$tmp/dask-local" -b "$ag" -f json "$tmp/big.jsonl" >"$tmp/log/dask-local.txt" 2>&1 &&
    cmp -s "$tmp/dask-local/out/big.json" "$tmp/big-single.json"; then
    ok "dask: LocalCluster (no --scheduler), --shared-fs, $mb MB JSONL: JSON identical"
  else fail "dask: LocalCluster run: $(tail -n 5 "$tmp/log/dask-local.txt" | tr '\n' ' ')"; fi
}

slurm_t=() dask_t=()
slurm
dask_run

rate() { echo "scale=1; $bytes / 1000000 / $1" | bc; }
echo
echo "throughput on $mb MB JSON Lines ($bytes bytes), $(nproc) cores, median of $runs (wall clock, s; MB = 10^6 bytes):"
m=$(median "${single_t[@]}")
printf '  %-50s %7.2f s  %6s MB/s\n' "single process, build -j 1" "$m" "$(rate "$m")"
m=$(median "${singlej_t[@]}")
printf '  %-50s %7.2f s  %6s MB/s\n' "single process, build -j $(nproc)" "$m" "$(rate "$m")"
if [ "${#slurm_t[@]}" -gt 0 ]; then
  m=$(median "${slurm_t[@]}")
  printf '  %-50s %7.2f s  %6s MB/s\n' "slurm: 8 array tasks + merge job (submit->done)" "$m" "$(rate "$m")"
fi
if [ "${#dask_t[@]}" -gt 0 ]; then
  m=$(median "${dask_t[@]}")
  printf '  %-50s %7.2f s  %6s MB/s\n' "dask: 8 shards, 2 workers + merge (driver)" "$m" "$(rate "$m")"
fi
echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
