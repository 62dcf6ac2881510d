#!/usr/bin/env bash
# Refreshes the vendored renderer from npm: the exact minified UMD builds
# that graph.html inlines (src/export/html.rs, include_str!), with their
# licences. Pin a version by editing the two lines below, run this, then
# rebuild and regenerate exports/graph.html (README, "graph.html").
#
#     bash src/export/html/vendor/refresh.sh
set -euo pipefail
SIGMA=3.0.3        # dist/sigma.min.js: UMD, global `Sigma`
GRAPHOLOGY=0.26.0  # dist/graphology.umd.min.js: UMD, global `graphology`

here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "sigma@$SIGMA" "graphology@$GRAPHOLOGY" >/dev/null
mkdir sigma graphology
tar xzf "sigma-$SIGMA.tgz" -C sigma
tar xzf "graphology-$GRAPHOLOGY.tgz" -C graphology
cp sigma/package/dist/sigma.min.js "$here/sigma.min.js"
cp sigma/package/LICENSE.txt "$here/sigma.LICENSE.txt"
cp graphology/package/dist/graphology.umd.min.js "$here/graphology.umd.min.js"
cp graphology/package/LICENSE.txt "$here/graphology.LICENSE.txt"
{
    echo "sigma $SIGMA dist/sigma.min.js sha256 $(sha256sum "$here/sigma.min.js" | cut -d' ' -f1)"
    echo "graphology $GRAPHOLOGY dist/graphology.umd.min.js sha256 $(sha256sum "$here/graphology.umd.min.js" | cut -d' ' -f1)"
} >"$here/VERSIONS"
cat "$here/VERSIONS"
