"""Throughput and memory of the Python binding, beside `tadqiq check` (a benchmark, not a test).

    python bindings/python/bench/throughput.py [--corpus PATH] [--mb 10] [--threads 2] [--spark]

Builds a text of at least --mb megabytes (10^6 bytes) of news articles, at run time, from the
corpus (default: ../shared/corpus/edited.txt.gz beside the repository; nothing of it is copied
into the repository), and measures on the same articles:

1. `tadqiq check --no-config --no-fold --format json -j THREADS DIR` (one file per article, the
   JSON written to /dev/null);
2. `Linter().check_many(articles, threads=THREADS)` in a fresh Python process (a new Linter each
   run, so its word cache starts as cold as the CLI's);
3. with --spark: `tadqiq.spark.check_column` on Spark local[THREADS] (a DataFrame of the
   articles, the findings counted on the driver), timing the action after the session started.

1 and 2 run by turns, --runs times each, in child processes; the medians are reported (wall time,
CPU time, the child's peak RSS from wait4) with the median of the per-turn throughput ratios. For Spark, the Python workers' RSS is sampled from /proc while the
job runs. Needs the `tadqiq` wheel installed in this interpreter, and pyspark/Java for --spark.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def articles(corpus: Path, min_bytes: int) -> list:
    out, total, block = [], 0, []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                block.append(line)
                continue
            if block:
                text = "".join(block)
                out.append(text)
                total += len(text.encode("utf-8"))
                block = []
                if total >= min_bytes:
                    break
    if total < min_bytes:
        sys.exit(f"{corpus}: only {total} bytes of articles, fewer than {min_bytes}")
    return out


def run_child(argv, stdout=subprocess.DEVNULL):
    """Run argv; return (wall seconds, CPU seconds (user + system), peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


CHILD = r"""
import json, pickle, resource, sys, time
import tadqiq
texts = pickle.load(open(sys.argv[1], "rb"))
threads = int(sys.argv[2])
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
start, cpu_start = time.perf_counter(), cpu()
linter = tadqiq.Linter()
found = linter.check_many(texts, threads=threads)
wall, cpu_used = time.perf_counter() - start, cpu() - cpu_start
print(json.dumps({"wall": wall, "cpu": cpu_used, "findings": sum(map(len, found))}))
"""


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def bench_cli_and_python(cli: Path, texts: list, threads: int, runs: int, tmp: Path):
    """The CLI and check_many, run by turns (CLI, Python, CLI, Python...) so that a change in the
    machine's load falls on both alike; medians of each, and of the per-turn ratios."""
    import pickle

    d = tmp / "articles"
    d.mkdir()
    for i, t in enumerate(texts):
        (d / f"{i:06}.txt").write_text(t, encoding="utf-8")
    data = tmp / "texts.pickle"
    data.write_bytes(pickle.dumps(texts))
    argv = [str(cli), "check", "--no-config", "--no-fold", "--format", "json",
            "-j", str(threads), str(d)]
    cli_runs, py_runs = [], []
    for _ in range(runs):
        wall, cpu, rss, code = run_child(argv)
        assert code in (0, 1), f"tadqiq check exited {code}"
        cli_runs.append({"wall": wall, "cpu": cpu, "rss_mib": rss})
        with tempfile.TemporaryFile() as out:
            pwall, _, prss, code = run_child(
                [sys.executable, "-c", CHILD, str(data), str(threads)], stdout=out)
            assert code == 0, f"the check_many child exited {code}"
            out.seek(0)
            r = json.loads(out.read())
        py_runs.append({"wall": r["wall"], "cpu": r["cpu"], "process_wall": pwall,
                        "rss_mib": prss, "findings": r["findings"]})
    findings = subprocess.run(argv, capture_output=True, check=False).stdout.count(b"\n")

    def summary(rs):
        return {k: median([r[k] for r in rs]) for k in rs[0]}

    ratios = [c["wall"] / p["wall"] for c, p in zip(cli_runs, py_runs)]
    cli_s = summary(cli_runs)
    cli_s.update(findings=findings, command=" ".join(argv))
    return cli_s, summary(py_runs), median(ratios), ratios


def python_workers_rss() -> dict:
    """pid -> RSS in MiB of this machine's PySpark Python worker processes: those forked by
    the `pyspark.daemon` process (the daemon itself left out)."""
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"pyspark.daemon" not in cmd and b"pyspark.worker" not in cmd:
                continue
            status = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        procs[int(pid)] = (int(fields["PPid"]), int(fields["VmRSS"].split()[0]) / 1024)
    return {pid: rss for pid, (ppid, rss) in procs.items() if ppid in procs}


def bench_spark(texts: list, threads: int) -> dict:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from tadqiq.spark import check_column

    spark = (
        SparkSession.builder.master(f"local[{threads}]")
        .appName("tadqiq-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.createDataFrame([(i, t) for i, t in enumerate(texts)], "id long, text string")
    df = df.repartition(threads * 4).cache()
    df.count()
    results = []
    for _ in range(2):
        peak: dict = {}
        stop = threading.Event()

        def sample(peak=peak, stop=stop):
            while not stop.is_set():
                for pid, rss in python_workers_rss().items():
                    peak[pid] = max(peak.get(pid, 0), rss)
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        start = time.perf_counter()
        n = (check_column(df, "text").select(F.size("findings").alias("n"))
             .agg(F.sum("n")).collect()[0][0])
        wall = time.perf_counter() - start
        stop.set()
        sampler.join()
        results.append({"wall": wall, "findings": n,
                        "worker_rss_mib": sorted(round(v) for v in peak.values())})
    spark.stop()
    return {"cold": results[0], "warm": results[1]}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/edited.txt.gz")
    p.add_argument("--mb", type=float, default=10.0, help="megabytes (10^6 bytes) of text")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cli", type=Path, default=ROOT / "target/release/tadqiq")
    p.add_argument("--spark", action="store_true", help="also measure Spark local[THREADS]")
    a = p.parse_args()

    texts = articles(a.corpus, int(a.mb * 1e6))
    size = sum(len(t.encode("utf-8")) for t in texts)
    mb = size / 1e6
    print(f"{len(texts)} articles, {mb:.2f} MB, {a.threads} threads, {a.runs} runs each")
    tmp = Path(tempfile.mkdtemp(prefix="tadqiq-bench-"))
    try:
        cli, py, ratio, ratios = bench_cli_and_python(a.cli, texts, a.threads, a.runs, tmp)
    finally:
        shutil.rmtree(tmp)
    print(f"tadqiq check (CLI)  {cli['wall']:6.2f} s  {mb / cli['wall']:5.2f} MB/s  "
          f"CPU {cli['cpu']:5.2f} s  peak RSS {cli['rss_mib']:4.0f} MiB  {cli['findings']} findings")
    print(f"Linter.check_many   {py['wall']:6.2f} s  {mb / py['wall']:5.2f} MB/s  "
          f"CPU {py['cpu']:5.2f} s  peak RSS {py['rss_mib']:4.0f} MiB  {py['findings']} findings  "
          f"(whole process {py['process_wall']:.2f} s)")
    print(f"check_many / CLI throughput: median {ratio:.0%} "
          f"(each turn: {', '.join(f'{r:.0%}' for r in ratios)}); "
          f"CPU per MB: CLI {cli['cpu'] / mb:.3f} s, check_many {py['cpu'] / mb:.3f} s")
    if py["findings"] != cli["findings"]:
        print(f"warning: {py['findings']} findings from Python, {cli['findings']} from the CLI")
    if a.spark:
        s = bench_spark(texts, a.threads)
        for which in ("cold", "warm"):
            r = s[which]
            print(f"Spark local[{a.threads}] ({which}) {r['wall']:6.2f} s  "
                  f"{mb / r['wall']:5.2f} MB/s  {r['findings']} findings  "
                  f"Python workers' peak RSS (MiB): {r['worker_rss_mib']}")


if __name__ == "__main__":
    main()
