#!/usr/bin/python3
"""actorgraph on a Dask cluster: shards mapped to workers, partial networks merged.

  ag_dask.py [OPTIONS] INPUT [-- BUILD_OPTIONS...]

INPUT is a JSON Lines file (*.jsonl, *.ndjson; split into N chunks of whole lines,
records should carry an "id") or a file list (any other name, or --list): one input
path per line, shared round robin among the N tasks.

Each task runs `actorgraph build - --jsonl -q -f json -o -` (JSON Lines: the chunk's
bytes are sent to the worker, so no shared file system is needed) or `actorgraph build
PATHS... -q -f json -o -` (file list: the paths must be readable on the workers, with
--chdir as their working directory). With --shared-fs a worker reads its JSON Lines
chunk from the input's path itself (for inputs too big to pass through the driver). The partial network comes back to this driver,
which keeps it as WORKDIR/shards/K.json and, when all are there, runs `actorgraph
merge` on them. Shards already in WORKDIR are not computed again, so after a failure
the same command redoes only the missing shards.

Needs Debian's python3-distributed (apt-get install python3-distributed) here and on
the workers, and the actorgraph binary at the same path on every worker (--bin).

Exit status: 0 merged; 1 a shard or the merge failed (the others are kept); 2 usage.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time


def run_build(argv, data, cwd):
    """Runs on a worker: one actorgraph build, its JSON network on stdout."""
    p = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    if p.returncode != 0:
        raise RuntimeError("%s exit %d: %s" % (" ".join(argv[:2]), p.returncode,
                                                p.stderr.decode("utf-8", "replace").strip()[:2000]))
    return p.stdout


def run_build_range(argv, path, start, end):
    """Runs on a worker that sees @path: bytes start..end of it into one actorgraph build."""
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    return run_build(argv, data, None)


def jsonl_chunks(path, n):
    """n byte ranges (start, end) of whole lines covering the file, as split -n l/K/N does."""
    size = os.path.getsize(path)
    bounds = [0]
    with open(path, "rb") as f:
        for k in range(1, n):
            pos = max(size * k // n, bounds[-1])
            if pos >= size:
                bounds.append(size)
                continue
            f.seek(pos)
            if pos > 0:
                f.seek(pos - 1)
                f.readline()  # to the end of the line holding byte pos-1
            bounds.append(max(f.tell(), bounds[-1]))
    bounds.append(size)
    return [(bounds[k], bounds[k + 1]) for k in range(n)]


def main():
    argv = sys.argv[1:]
    build_opts = []
    if "--" in argv:
        i = argv.index("--")
        argv, build_opts = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="BUILD_OPTIONS after -- go to every build (-w, -e, -l: the same as a single run)")
    ap.add_argument("input", help="a .jsonl/.ndjson file, or a file list")
    ap.add_argument("-s", "--scheduler", help="scheduler address, e.g. tcp://10.0.0.5:8786 (default: start a LocalCluster)")
    ap.add_argument("-w", "--workers", type=int, default=os.cpu_count(), help="LocalCluster workers (default: the cores)")
    ap.add_argument("-n", "--shards", type=int, default=0, help="shards (default: 4 per worker)")
    ap.add_argument("-b", "--bin", default=shutil.which("actorgraph"), help="actorgraph binary, same path on every worker")
    ap.add_argument("-d", "--workdir", default="ag-dask", help="where shards/ are kept (default ./ag-dask)")
    ap.add_argument("-o", "--output", help="merged output PREFIX (default WORKDIR/out/NAME)")
    ap.add_argument("-f", "--format", default="dot,svg,json", help="formats of the merged network (default dot,svg,json)")
    ap.add_argument("--title", help="diagram title (default: the one `actorgraph build INPUT` would use)")
    ap.add_argument("-C", "--chdir", help="file list: paths are relative to DIR (document ids as in `actorgraph build DIR`)")
    ap.add_argument("--list", action="store_true", help="read INPUT as a file list whatever its name")
    ap.add_argument("--shared-fs", action="store_true",
                    help="JSON Lines: the workers read their chunk from INPUT's path themselves "
                         "(a file system all of them see) instead of receiving its bytes from the driver")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    a = ap.parse_args(argv)

    if not a.bin or not os.access(a.bin, os.X_OK):
        ap.error("actorgraph binary not found: give --bin")
    a.bin = os.path.abspath(a.bin)
    if not os.path.isfile(a.input):
        ap.error("%s: no such file" % a.input)
    mode = "list" if a.list or not a.input.endswith((".jsonl", ".ndjson")) else "jsonl"
    name = os.path.splitext(os.path.basename(a.input))[0]
    if a.chdir:
        a.chdir = os.path.abspath(a.chdir)
        name = os.path.basename(a.chdir.rstrip("/"))
    title = a.title if a.title is not None else name
    output = a.output or os.path.join(a.workdir, "out", name)
    shard_dir = os.path.join(a.workdir, "shards")
    os.makedirs(shard_dir, exist_ok=True)
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)

    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    nworkers = max(1, len(client.scheduler_info()["workers"]))
    n = a.shards or 4 * nworkers
    log = (lambda *x: None) if a.quiet else (lambda *x: print("ag-dask:", *x, file=sys.stderr, flush=True))

    # the tasks: (shard, argv, data, cwd)
    tasks = []
    if mode == "jsonl":
        for k, (s, e) in enumerate(jsonl_chunks(a.input, n)):
            tasks.append((k, s, e))
    else:
        with open(a.input, encoding="utf-8") as f:
            paths = [l.rstrip("\n") for l in f if l.strip()]
        n = min(n, len(paths))
        for k in range(n):
            tasks.append((k, paths[k::n], None))
    log("%s %s: %d shards on %d workers (%s)" % (mode, a.input, n, nworkers, a.scheduler or "LocalCluster"))
    # a shards/ from an earlier run with another shard count cannot be reused
    meta = os.path.join(a.workdir, "shards.txt")
    key = "%s %s %d %s\n" % (mode, os.path.abspath(a.input), n, " ".join(build_opts))
    if os.path.exists(meta) and open(meta).read() != key:
        log("%s: shards of another run (%s): starting afresh" % (shard_dir, open(meta).read().strip()))
        for fn in os.listdir(shard_dir):
            os.remove(os.path.join(shard_dir, fn))
    with open(meta, "w") as f:
        f.write(key)

    t0 = time.time()
    futures = {}
    kept = 0
    with open(a.input, "rb") if mode == "jsonl" else open(os.devnull, "rb") as src:
        for t in tasks:
            k = t[0]
            path = os.path.join(shard_dir, "%d.json" % k)
            if os.path.exists(path):
                kept += 1
                continue
            if mode == "jsonl" and a.shared_fs:
                argv = [a.bin, "build", "-", "--jsonl", "-q", "-j", "1"] + build_opts + ["-f", "json", "-o", "-"]
                fut = client.submit(run_build_range, argv, os.path.abspath(a.input), t[1], t[2],
                                    key="ag-build-%d-%d" % (k, os.getpid()), pure=False)
            elif mode == "jsonl":
                src.seek(t[1])
                data = src.read(t[2] - t[1])
                if not data.strip():  # an empty chunk: no documents, nothing to add
                    open(path, "wb").close()
                    continue
                argv = [a.bin, "build", "-", "--jsonl", "-q", "-j", "1"] + build_opts + ["-f", "json", "-o", "-"]
                data = client.scatter(data, hash=False)  # straight to a worker, not through the scheduler
                fut = client.submit(run_build, argv, data, None, key="ag-build-%d-%d" % (k, os.getpid()), pure=False)
            else:
                argv = [a.bin, "build", "-q", "-j", "1"] + build_opts + ["-f", "json", "-o", "-"] + t[1]
                fut = client.submit(run_build, argv, None, a.chdir, key="ag-build-%d-%d" % (k, os.getpid()), pure=False)
            futures[fut] = k
    if kept:
        log("%d shards kept from an earlier run" % kept)
    failed = []
    done = 0
    for fut in as_completed(list(futures)):
        k = futures[fut]
        done += 1
        try:
            out = fut.result()
        except Exception as e:  # noqa: BLE001 - reported, the other shards go on
            failed.append(k)
            log("shard %d FAILED (%d/%d): %s" % (k, done, len(futures), e))
            continue
        path = os.path.join(shard_dir, "%d.json" % k)
        with open(path + ".tmp", "wb") as f:
            f.write(out)
        os.replace(path + ".tmp", path)
        log("shard %d done (%d/%d, %.1f s)" % (k, done, len(futures), time.time() - t0))
    t_map = time.time() - t0
    client.close()
    if cluster is not None:
        cluster.close()
    if failed:
        log("%d shard(s) failed: %s; the others are kept in %s: run the same command again to redo only these"
            % (len(failed), " ".join(map(str, sorted(failed))), shard_dir))
        return 1
    parts = [os.path.join(shard_dir, "%d.json" % k) for k in range(n)]
    parts = [p for p in parts if os.path.getsize(p) > 0]
    t1 = time.time()
    cmd = [a.bin, "merge", "-q", "-f", a.format, "-o", output] + (["--title", title] if title else []) + parts
    rc = subprocess.run(cmd).returncode
    if rc != 0:
        log("merge failed (exit %d)" % rc)
        return 1
    log("merged %d shards -> %s.{%s} (map %.2f s, merge %.2f s)" % (len(parts), output, a.format, t_map, time.time() - t1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
