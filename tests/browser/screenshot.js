// The README's picture of graph.html:
//
//     node tests/browser/screenshot.js exports/graph.html exports/graph-html.png
//
// opens the page at 1400×860, selects the edge Turkey → Azerbaijan
// (support) so the panel shows its sentences, and writes a PNG.
'use strict';
const { launch, open } = require('./browser');

async function main() {
  const [file, out, edge = 'turkey|support|azerbaijan'] = process.argv.slice(2);
  if (!file || !out) {
    console.error('usage: node tests/browser/screenshot.js GRAPH.html OUT.png [EDGE]');
    process.exit(2);
  }
  const { browser, close } = await launch();
  try {
    const { page } = await open(browser, file);
    await page.evaluate((e) => window.newsgraph.select({ edge: e }), edge);
    // Let the camera animation finish and the labels settle.
    await new Promise((r) => setTimeout(r, 800));
    await page.screenshot({ path: out });
  } finally {
    await close();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
