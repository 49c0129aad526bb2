#!/usr/bin/env bash
# actorgraph on a Slurm cluster: one array task per shard, then one dependent merge job.
#
#   ag-slurm.sh submit [OPTIONS] INPUT [-- BUILD_OPTIONS...]
#   ag-slurm.sh status WORKDIR        which shards are done, which failed (with their log)
#   ag-slurm.sh rerun  WORKDIR        resubmit only the missing shards, then the merge again
#
# INPUT is either a JSON Lines file (*.jsonl, *.ndjson: split into N chunks of whole
# lines, records should carry an "id") or a file list (any other name, or --list): one
# input path per line, shared round robin among the N tasks.
#
# Options of submit:
#   -n, --shards N        array tasks (default 8; a file list is capped at its length)
#   -d, --workdir DIR     shared directory for shards/, logs/, out/ (default ./ag-slurm)
#   -b, --bin PATH        the actorgraph binary, the same path on every node
#                         (default: actorgraph on PATH, resolved now)
#   -C, --chdir DIR       paths in the file list are relative to DIR; the tasks run
#                         there, so document ids are those of `actorgraph build DIR`
#       --list            read INPUT as a file list whatever its name
#   -f, --format LIST     formats of the merged network (default dot,svg,json)
#   -o, --output NAME     out/NAME.* (default: the input's name without extension)
#       --title TEXT      diagram title (default: the title `actorgraph build INPUT`
#                         would use: the input's name, or DIR's name with -C)
#   -p, --max-parallel M  at most M tasks running at once (--array=...%M)
#   -S, --sbatch OPT      one more option for both sbatch calls (repeatable), e.g.
#                         -S --partition=short -S --time=00:30:00 -S --account=X
#       --wait            wait until the merge job has ended; exit 0 only if it succeeded
#   -- BUILD_OPTIONS      given to every `actorgraph build` (-w, -e, -l ...: use the
#                         same ones as a single run would; -j defaults to the task's CPUs)
#
# A shard is done when WORKDIR/shards/N.json exists (actorgraph writes it under a
# temporary name and renames it, so a failed or killed task leaves none).
# The merge job runs only when every array task succeeded (afterok); otherwise Slurm
# cancels it (--kill-on-invalid-dep=yes) and `status` lists the failed shards.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "ag-slurm: $*" >&2; exit 2; }

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# submit_jobs WORKDIR ARRAY_SPEC [WAIT]: the array job and the dependent merge job.
submit_jobs() {
  local wd=$1 spec=$2 wait=${3:-0}
  # shellcheck source=/dev/null
  source "$wd/config"
  local par=""
  [ -n "${AG_MAX_PARALLEL:-}" ] && par="%$AG_MAX_PARALLEL"
  local jid mid
  jid=$(sbatch --parsable "${AG_SBATCH[@]}" --job-name=ag-shard --array="$spec$par" \
    --output="$wd/logs/shard-%a.log" --chdir="$wd" \
    "$here/shard.sbatch" "$wd")
  jid=${jid%%;*}
  echo "ag-slurm: shards: job $jid, tasks $spec"
  echo "$jid" >"$wd/array.jobid"
  mid=$(sbatch --parsable "${AG_SBATCH[@]}" --job-name=ag-merge \
    --dependency="afterok:$jid" --kill-on-invalid-dep=yes \
    --output="$wd/logs/merge.log" --chdir="$wd" \
    "$here/merge.sbatch" "$wd")
  mid=${mid%%;*}
  echo "$mid" >"$wd/merge.jobid"
  [ "$wait" = 1 ] && wait_job "$mid"
  if [ "$wait" = 1 ]; then
    if ! grep -q '^ag-merge: ok' "$wd/logs/merge.log" 2>/dev/null; then
      echo "ag-slurm: the merge job $mid did not run or failed" >&2
      status "$wd" >&2 || true
      return 1
    fi
    echo "ag-slurm: done: $(sed -n 's/^ag-merge: ok: //p' "$wd/logs/merge.log")"
  else
    echo "ag-slurm: merge: job $mid (after $jid); follow with: $0 status $wd"
  fi
}

# wait_job JOBID: until the job has left the queue (done, failed or cancelled).
wait_job() {
  echo "ag-slurm: waiting for job $1"
  while squeue -h -j "$1" -t PD,CF,R,CG -o %T 2>/dev/null | grep -q .; do sleep 0.5; done
}

# status WORKDIR: prints done/missing shards; exit 0 when all are done.
status() {
  local wd=$1 missing=() i
  [ -f "$wd/config" ] || die "$wd: no config (not an ag-slurm work directory)"
  # shellcheck source=/dev/null
  source "$wd/config"
  for ((i = 0; i < AG_SHARDS; i++)); do
    [ -f "$wd/shards/$i.json" ] || missing+=("$i")
  done
  echo "ag-slurm: $wd: $((AG_SHARDS - ${#missing[@]})) of $AG_SHARDS shards done"
  if [ "${#missing[@]}" -gt 0 ]; then
    for i in "${missing[@]}"; do
      local why="not run yet"
      if [ -f "$wd/logs/shard-$i.log" ]; then
        why=$(grep -m1 -E '^actorgraph: |^ag-shard: shard [0-9]+: |error|CANCELLED|TIME LIMIT|OUT OF MEMORY' "$wd/logs/shard-$i.log" || true)
        why=${why:-"failed or running (see $wd/logs/shard-$i.log)"}
      fi
      echo "  shard $i missing: $why"
    done
    echo "ag-slurm: rerun the missing ones with: $0 rerun $wd"
    return 1
  fi
  if [ -f "$wd/logs/merge.log" ] && grep -q '^ag-merge: ok' "$wd/logs/merge.log"; then
    echo "ag-slurm: merged: $(sed -n 's/^ag-merge: ok: //p' "$wd/logs/merge.log")"
  else
    echo "ag-slurm: all shards done, merge not (yet) done: see $wd/logs/merge.log"
  fi
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
submit) ;;
status) [ $# -eq 1 ] || die "usage: $0 status WORKDIR"; status "$1"; exit ;;
rerun)
  [ $# -ge 1 ] || die "usage: $0 rerun WORKDIR [--wait]"
  wd=$(cd "$1" && pwd)
  wait=0
  [ "${2:-}" = --wait ] && wait=1
  # shellcheck source=/dev/null
  source "$wd/config"
  spec=""
  for ((i = 0; i < AG_SHARDS; i++)); do [ -f "$wd/shards/$i.json" ] || spec+="${spec:+,}$i"; done
  rm -f "$wd/logs/merge.log"
  if [ -z "$spec" ]; then
    echo "ag-slurm: all $AG_SHARDS shards are done; submitting the merge only"
    sbatch --parsable "${AG_SBATCH[@]}" --job-name=ag-merge \
      --output="$wd/logs/merge.log" --chdir="$wd" "$here/merge.sbatch" "$wd" >"$wd/merge.jobid"
    if [ "$wait" = 1 ]; then wait_job "$(cat "$wd/merge.jobid")"; status "$wd" && grep -q '^ag-merge: ok' "$wd/logs/merge.log"; fi
    exit
  fi
  for i in ${spec//,/ }; do rm -f "$wd/logs/shard-$i.log"; done
  submit_jobs "$wd" "$spec" "$wait"
  exit
  ;;
-h | --help | help) usage; exit 0 ;;
*) usage >&2; exit 2 ;;
esac

shards=8 workdir=./ag-slurm bin="" chdir="" list=0 formats=dot,svg,json output="" title="" title_set=0
maxpar="" wait=0 sb=() input=""
while [ $# -gt 0 ]; do
  case $1 in
  -n | --shards) shards=$2; shift 2 ;;
  -d | --workdir) workdir=$2; shift 2 ;;
  -b | --bin) bin=$2; shift 2 ;;
  -C | --chdir) chdir=$2; shift 2 ;;
  --list) list=1; shift ;;
  -f | --format) formats=$2; shift 2 ;;
  -o | --output) output=$2; shift 2 ;;
  --title) title=$2; title_set=1; shift 2 ;;
  -p | --max-parallel) maxpar=$2; shift 2 ;;
  -S | --sbatch) sb+=("$2"); shift 2 ;;
  --wait) wait=1; shift ;;
  --) shift; break ;;
  -*) die "unknown option $1 (see $0 --help)" ;;
  *) [ -z "$input" ] || die "one INPUT only (a JSON Lines file or a file list)"; input=$1; shift ;;
  esac
done
build_opts=("$@")
[ -n "$input" ] || die "usage: $0 submit [OPTIONS] INPUT [-- BUILD_OPTIONS]"
[ -f "$input" ] || die "$input: no such file"
[[ $shards =~ ^[1-9][0-9]*$ ]] || die "--shards: a positive number, not '$shards'"
if [ -z "$bin" ]; then bin=$(command -v actorgraph) || die "actorgraph is not on PATH; give --bin"; fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -x "$bin" ] || die "$bin: not executable"
input=$(cd "$(dirname "$input")" && pwd)/$(basename "$input")
mode=jsonl
case $input in *.jsonl | *.ndjson) ;; *) mode=list ;; esac
[ "$list" = 1 ] && mode=list
[ "$mode" = jsonl ] && [ -n "$chdir" ] && die "--chdir is for file lists"
if [ "$mode" = list ]; then
  n=$(grep -c . "$input" || true)
  [ "$n" -gt 0 ] || die "$input: empty file list"
  [ "$shards" -gt "$n" ] && shards=$n
  [ -n "$chdir" ] && chdir=$(cd "$chdir" && pwd)
fi
name=$(basename "$input")
name=${name%.*}
[ -n "$chdir" ] && name=$(basename "$chdir")
[ -n "$output" ] || output=$name
[ "$title_set" = 1 ] || title=$name

mkdir -p "$workdir"
workdir=$(cd "$workdir" && pwd)
mkdir -p "$workdir/shards" "$workdir/logs" "$workdir/out"
if compgen -G "$workdir/shards/*.json" >/dev/null; then
  die "$workdir/shards already holds shards: use '$0 rerun $workdir', or another --workdir"
fi
arr() { # NAME VALUES...: NAME=(quoted values)
  local name=$1
  shift
  printf '%s=(' "$name"
  [ $# -gt 0 ] && printf '%q ' "$@"
  echo ')'
}
{
  printf 'AG_BIN=%q\nAG_INPUT=%q\nAG_MODE=%q\nAG_CHDIR=%q\nAG_SHARDS=%q\n' "$bin" "$input" "$mode" "$chdir" "$shards"
  printf 'AG_FORMATS=%q\nAG_OUTPUT=%q\nAG_TITLE=%q\nAG_MAX_PARALLEL=%q\n' "$formats" "$output" "$title" "$maxpar"
  arr AG_BUILD_OPTS "${build_opts[@]}"
  arr AG_SBATCH "${sb[@]}"
} >"$workdir/config"
echo "ag-slurm: $mode $input -> $shards shards in $workdir"
submit_jobs "$workdir" "0-$((shards - 1))" "$wait"
