"""The README's Spark path, run for real: pyspark in local mode pipes shards
of JSON Lines through `newsgraph build`, and `newsgraph merge` of the shards
writes what one build over the whole input writes, byte for byte.

Usage: python run.py --newsgraph BIN --data DATA --out DIR [--partitions N] INPUT...

Run by tests/spark/run.sh, which skips when pyspark or Java is missing.
INPUTs are .txt articles and .jsonl(.gz) files; they are first written as one
JSON Lines file (ids kept), which both the Spark run and the reference build
read. Prints a JSON summary; exits non-zero on the first difference.
"""

import argparse
import filecmp
import gzip
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

from pyspark import SparkConf, SparkContext

# What every executor runs on its partition's lines (stdin): the shard's
# triples.csv on stdout, as the README's shard.sh.
SHARD_SH = """#!/bin/sh
set -e
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$NEWSGRAPH" build -q -j 1 - -o "$d"
cat "$d/triples.csv"
"""


def jsonl(inputs, path):
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for inp in inputs:
            p = pathlib.Path(inp)
            files = sorted(p.rglob("*")) if p.is_dir() else [p]
            for f in files:
                if f.suffix == ".txt":
                    rec = {"id": f.stem, "text": f.read_text(encoding="utf-8")}
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    n += 1
                elif f.name.endswith((".jsonl", ".jsonl.gz")):
                    opener = gzip.open if f.suffix == ".gz" else open
                    with opener(f, "rt", encoding="utf-8") as src:
                        text = src.read()
                    # Only "\n" ends a record: splitlines() would also cut at
                    # U+2028 and other separators that JSON strings may hold.
                    for line in text.split("\n"):
                        if line.strip():
                            out.write(line + "\n")
                            n += 1
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsgraph", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    out = pathlib.Path(a.out).resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    corpus = out / "corpus.jsonl"
    articles = jsonl(a.inputs, corpus)
    shard = out / "shard.sh"
    shard.write_text(SHARD_SH)
    shard.chmod(0o755)
    env = {"NEWSGRAPH": os.path.abspath(a.newsgraph), "NEWSGRAPH_DATA": os.path.abspath(a.data)}

    ref = out / "one-build"
    subprocess.run([env["NEWSGRAPH"], "build", "-q", str(corpus), "-o", str(ref)],
                   check=True, env={**os.environ, **env})

    conf = (SparkConf().setMaster(f"local[{min(a.partitions, os.cpu_count() or 1)}]")
            .setAppName("newsgraph-shards")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    started = time.time()
    try:
        lines = sc.textFile(str(corpus), minPartitions=a.partitions)
        shards = lines.repartition(a.partitions).pipe(str(shard), env=env)
        shards.saveAsTextFile(str(out / "shards"))
        partitions = shards.getNumPartitions()
        spark_version = sc.version
    finally:
        sc.stop()
    spark_secs = time.time() - started

    parts = sorted(str(p) for p in (out / "shards").glob("part-*"))
    merged = out / "merged"
    subprocess.run([env["NEWSGRAPH"], "merge", "-q", *parts, "-o", str(merged)],
                   check=True, env={**os.environ, **env})

    compared, differ = [], []
    for f in sorted(os.listdir(merged)):
        (compared if filecmp.cmp(merged / f, ref / f, shallow=False) else differ).append(f)
    missing = sorted(set(os.listdir(ref)) - set(os.listdir(merged)) - {"graph.sqlite"})
    rows = sum(1 for _ in open(ref / "triples.csv", encoding="utf-8"))
    print(json.dumps({
        "spark": spark_version,
        "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
        "articles": articles,
        "partitions": partitions,
        "part_files": len(parts),
        "spark_seconds": round(spark_secs, 1),
        "triples_csv_lines": rows,
        "identical": compared,
        "different": differ,
        "missing_from_merge": missing,
    }, indent=1))
    if differ or missing or len(compared) < 10:
        sys.exit("merge of the Spark shards differs from one build")


main()
