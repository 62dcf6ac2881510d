#!/usr/bin/env bash
# Whole-run benchmark (issue 5): `newsgraph build` over the shared corpus,
# against the scan floor `rg -c -F -f NAMES` over the same decompressed
# text, where NAMES are the gazetteer's normalized forms.
#
#     bash tests/benches/corpus.sh                 # 3 runs, figures on stdout
#     RUNS=5 bash tests/benches/corpus.sh
#     bash tests/benches/corpus.sh --scale 1000000 # N generated articles
#
# Reports wall time, CPU time, MB/s and articles/s (MB = 10^6 bytes of
# article text, as the run's summary counts them), peak RSS from
# /usr/bin/time -v, and the ratio of the run's time to the scan floor's. It
# also checks that -j 1 gives the same files as all cores.
#
# --scale N streams N articles through `build -` on stdin: the corpus's
# articles repeated under fresh ids (r1-…, r2-…), generated on the fly, so
# nothing but the exports is written (into target/bench-scale/).
#
# Skips, exit 0, when the corpus (../shared/corpus/saudinewsnet.jsonl.gz, or
# $NEWSGRAPH_CORPUS) is absent. Everything it writes is under target/.
set -euo pipefail
cd "$(dirname "$0")/../.."

corpus=${NEWSGRAPH_CORPUS:-../shared/corpus/saudinewsnet.jsonl.gz}
if [ ! -f "$corpus" ]; then
    echo "corpus.sh: $corpus is absent; skipping the whole-run benchmark"
    exit 0
fi
for tool in rg /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "corpus.sh: needs $tool" >&2; exit 2; }
done

scale=0
if [ "${1:-}" = "--scale" ]; then
    scale=${2:?--scale needs a number of articles}
fi
runs=${RUNS:-3}
work=target/bench-corpus
mkdir -p "$work"
# A snapshot of the lexicons, so every run (and the -j 1 check) reads the
# same ones even while data/ is being edited.
rm -rf "$work/data"
cp -r "${NEWSGRAPH_DATA:-data}" "$work/data"
data=$work/data

cargo build --release --quiet --bin newsgraph --example gazetteer-forms
# Copies: other builds may replace target/release while the runs go on.
cp target/release/newsgraph "$work/newsgraph"
cp target/release/examples/gazetteer-forms "$work/gazetteer-forms"
"$work/gazetteer-forms" "$data" >"$work/NAMES"

echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty'); corpus: $corpus; lexicon: $data ($(wc -l <"$work/NAMES") forms)"

# Pulls figures out of a run's stderr (`/usr/bin/time -v` and the summary).
figures() {
    python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
def g(p, conv=float):
    m = re.search(p, t)
    return conv(m.group(1)) if m else float("nan")
wall = g(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", lambda s: sum(float(x) * 60 ** i for i, x in enumerate(reversed(s.split(":")))))
cpu = g(r"User time \(seconds\): (\S+)") + g(r"System time \(seconds\): (\S+)")
rss = g(r"Maximum resident set size \(kbytes\): (\d+)") / 1024
arts = g(r"(\d+) articles \(", int)
mb = g(r"articles \(([\d.]+) MB\)")
print(f"{wall:.2f} {cpu:.2f} {rss:.1f} {arts} {mb}")
PY
}

if [ "$scale" -gt 0 ]; then
    out=target/bench-scale
    mkdir -p "$out"
    echo "scale: $scale articles generated from $corpus, through build on stdin"
    python3 - "$corpus" "$scale" <<'PY' | /usr/bin/time -v "$work/newsgraph" build --data "$data" - -o "$out/exports" 2>"$out/run.txt"
import gzip, sys
lines = gzip.open(sys.argv[1]).read().splitlines()
n, out = int(sys.argv[2]), sys.stdout.buffer
k, i = 1, 0
for _ in range(n):
    line = lines[i]
    # Fresh ids: the corpus's records start with "id".
    out.write(line.replace(b'"id": "', b'"id": "r%d-' % k, 1) + b"\n")
    i += 1
    if i == len(lines):
        i, k = 0, k + 1
PY
    read -r wall cpu rss arts mb <<<"$(figures "$out/run.txt")"
    tail -n 3 "$out/run.txt" | grep -v '^\s' || true
    python3 - "$wall" "$cpu" "$rss" "$arts" "$mb" <<'PY'
import sys
wall, cpu, rss, arts, mb = map(float, sys.argv[1:])
print(f"scale: {int(arts)} articles, {mb:.0f} MB of text in {wall:.0f} s wall ({cpu:.0f} s CPU): "
      f"{mb / wall:.1f} MB/s, {arts / wall:.0f} articles/s, {mb / cpu:.1f} MB per CPU-second; peak RSS {rss:.0f} MB")
PY
    du -sh "$out/exports"
    exit 0
fi

# The scan floor reads the same bytes the run reads, decompressed.
if [ ! -s "$work/corpus.jsonl" ] || [ "$corpus" -nt "$work/corpus.jsonl" ]; then
    gzip -dc "$corpus" >"$work/corpus.jsonl"
fi

results=()
for i in $(seq "$runs"); do
    /usr/bin/time -v "$work/newsgraph" build --data "$data" "$corpus" -o "$work/out$i" 2>"$work/run$i.txt"
    results+=("$(figures "$work/run$i.txt")")
done
floors=()
for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$work/rg$i.txt" rg -c -F -f "$work/NAMES" "$work/corpus.jsonl" >/dev/null
    floors+=("$(cat "$work/rg$i.txt")")
done
# `-c` may stop reading a line at its first match; counting every match
# reads all of it, a floor closer to what extraction must do.
every=()
for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$work/rgm$i.txt" rg --count-matches -F -f "$work/NAMES" "$work/corpus.jsonl" >/dev/null
    every+=("$(cat "$work/rgm$i.txt")")
done

python3 - "${results[@]}" -- "${floors[@]}" -- "${every[@]}" <<'PY'
import statistics as st, sys
args = sys.argv[1:]
cut = args.index("--")
cut2 = args.index("--", cut + 1)
runs = [list(map(float, r.split())) for r in args[:cut]]
floors = [list(map(float, f.split())) for f in args[cut + 1:cut2]]
every = [list(map(float, f.split())) for f in args[cut2 + 1:]]
wall = st.median(r[0] for r in runs)
cpu = st.median(r[1] for r in runs)
rss = max(r[2] for r in runs)
arts, mb = runs[0][3], runs[0][4]
fwall = st.median(f[0] for f in floors)
fcpu = st.median(f[1] + f[2] for f in floors)
print(f"build: {int(arts)} articles, {mb:.1f} MB of text; median of {len(runs)} runs: {wall:.2f} s wall, {cpu:.2f} s CPU")
print(f"  {mb / wall:.1f} MB/s, {arts / wall:.0f} articles/s end to end; {mb / cpu:.1f} MB per CPU-second; peak RSS {rss:.0f} MB")
print(f"scan floor (rg -c -F -f NAMES): {fwall:.2f} s wall, {fcpu:.2f} s CPU")
print(f"ratio build / floor: {wall / fwall:.1f}x wall, {cpu / fcpu:.1f}x CPU")
ewall = st.median(f[0] for f in every)
ecpu = st.median(f[1] + f[2] for f in every)
print(f"every match (rg --count-matches -F -f NAMES): {ewall:.2f} s wall, {ecpu:.2f} s CPU; ratio {wall / ewall:.1f}x wall, {cpu / ecpu:.1f}x CPU")
print("all runs (wall s, CPU s, RSS MB):", "; ".join(f"{r[0]:.2f} {r[1]:.2f} {r[2]:.0f}" for r in runs))
PY

# Same files run after run, and whatever the thread count.
status=0
for i in $(seq 2 "$runs"); do
    if ! diff -rq "$work/out1" "$work/out$i" >/dev/null; then
        echo "runs 1 and $i (same -j) wrote different files: extraction is not deterministic" >&2
        diff "$work/out1/triples.csv" "$work/out$i/triples.csv" | cut -c1-200 | head -4 >&2
        status=1
    fi
done
"$work/newsgraph" build --data "$data" -q -j 1 "$corpus" -o "$work/out-j1"
if diff -rq "$work/out1" "$work/out-j1" >/dev/null; then
    echo "-j 1 and -j $(nproc): identical exports"
else
    echo "-j 1 and -j $(nproc): exports DIFFER" >&2
    diff "$work/out1/triples.csv" "$work/out-j1/triples.csv" | cut -c1-200 | head -4 >&2
    status=1
fi
exit "$status"
