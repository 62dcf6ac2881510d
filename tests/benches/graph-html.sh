#!/usr/bin/env bash
# graph.html benchmark (issue 12), not a timed test: builds the ANT corpus
# graph and loads its graph.html in headless Chromium, reporting the file's
# size, the build's wall time and peak memory, and the page's load time,
# first paint of the graph and JavaScript heap (tests/browser/bench.js).
#
#     bash tests/benches/graph-html.sh
#
# Skips, exit 0, when the corpus (../shared/corpus/ant_news_2018_politics.jsonl.gz,
# or $NEWSGRAPH_ANT) is absent. Writes under target/bench-graph-html/.
set -euo pipefail
cd "$(dirname "$0")/../.."

corpus=${NEWSGRAPH_ANT:-../shared/corpus/ant_news_2018_politics.jsonl.gz}
if [ ! -f "$corpus" ]; then
    echo "graph-html.sh: $corpus is absent; skipping"
    exit 0
fi
out=target/bench-graph-html
rm -rf "$out"
cargo build --release -q
/usr/bin/time -f 'build: %e s wall, peak RSS %M KB' \
    target/release/newsgraph build -q "$corpus" -o "$out"
ls -l "$out/graph.html" "$out/graph.json"
node tests/browser/bench.js "$out/graph.html" "$out/graph-html.png"
echo "screenshot: $out/graph-html.png"
