#!/usr/bin/env bash
# Update benchmark (issue 13): adding 1,000 articles to stores of N articles.
#
#     bash tests/benches/update.sh 100000       # store of 100k generated articles
#     bash tests/benches/update.sh 1000000      # store of 1M
#
# Builds the store with the scale generator of corpus.sh (`corpus.sh --scale
# N`: the shared corpus repeated under fresh ids, through `build -`), then
# runs `newsgraph update` with 1,000 articles the store does not hold (the
# corpus's first 1,000 under new ids) under /usr/bin/time -v, and reports
# wall and CPU time, peak RSS and the store's size on disk. Skips like
# corpus.sh when the corpus is absent. Everything lands in target/.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=${1:?usage: update.sh N}
corpus=${NEWSGRAPH_CORPUS:-../shared/corpus/saudinewsnet.jsonl.gz}
if [ ! -f "$corpus" ]; then
    echo "update.sh: $corpus is absent; skipping the update benchmark"
    exit 0
fi
bash tests/benches/corpus.sh --scale "$n"
store=target/bench-scale/exports
work=target/bench-corpus
new=target/bench-scale/new-1000.jsonl
python3 - "$corpus" >"$new" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1]) as f:
    for i, line in zip(range(1000), f):
        sys.stdout.buffer.write(line.rstrip(b"\n").replace(b'"id": "', b'"id": "new-', 1) + b"\n")
PY
echo "store before: $(du -b "$store/graph.sqlite" | cut -f1) bytes; exports: $(du -sh --exclude=graph.sqlite "$store" | cut -f1)"
/usr/bin/time -v "$work/newsgraph" update --data "$work/data" "$store" "$new" 2>target/bench-scale/update.txt
grep -E "added|articles \(" target/bench-scale/update.txt || true
python3 - target/bench-scale/update.txt <<'PY'
import re, sys
t = open(sys.argv[1]).read()
g = lambda p: re.search(p, t).group(1)
w = g(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w.split(":"))))
cpu = float(g(r"User time \(seconds\): (\S+)")) + float(g(r"System time \(seconds\): (\S+)"))
rss = int(g(r"Maximum resident set size \(kbytes\): (\d+)")) / 1024
print(f"update: 1000 articles in {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB")
PY
echo "store after: $(du -b "$store/graph.sqlite" | cut -f1) bytes ($(du -h "$store/graph.sqlite" | cut -f1) on disk)"
