// graph.html's date filter, as tests/html.rs runs it on a small dated graph:
//
//     node tests/browser/dates.test.js GRAPH.html EXPECT.json
//
// EXPECT.json: {"since", "until", "on": [edge keys drawn in that range],
// "weights": {edge key: citations in the range}}.
'use strict';
const assert = require('assert/strict');
const fs = require('fs');
const { launch, open } = require('./browser');

const [file, expectFile] = process.argv.slice(2);
const X = JSON.parse(fs.readFileSync(expectFile, 'utf8'));

async function main() {
  const { browser, close } = await launch();
  try {
    const { page, log } = await open(browser, file);
    const all = await page.evaluate(() => window.newsgraph.edgeOn.reduce((a, b) => a + b, 0));
    // Typed as a user would: the date inputs fire change on their own.
    await page.$eval('#since', (i, v) => { i.value = v; i.dispatchEvent(new Event('change')); }, X.since);
    await page.$eval('#until', (i, v) => { i.value = v; i.dispatchEvent(new Event('change')); }, X.until);
    const r = await page.evaluate(() => {
      const { data, edgeOn, graph } = window.newsgraph;
      const keys = graph.edges();
      return {
        on: keys.filter((k, i) => edgeOn[i]).sort(),
        status: document.getElementById('status').textContent,
        min: document.getElementById('since').min,
        max: document.getElementById('since').max,
        edges: data.edges.length,
      };
    });
    assert.deepEqual(r.on, [...X.on].sort(), 'edges in the date range');
    assert.ok(r.status.startsWith(`${X.on.length} of ${r.edges} edges`), r.status);
    assert.equal(r.min, X.first_day);
    assert.equal(r.max, X.last_day);
    console.log(`ok date range ${X.since}..${X.until}: ${r.on.length} of ${all} edges (${r.on.join(', ')}); "${r.status}"`);
    // Within the range, the weight filter counts only the range's citations.
    for (const [k, w] of Object.entries(X.weights)) {
      await page.click('#min-weight', { clickCount: 3 });
      await page.type('#min-weight', String(w + 1));
      await page.keyboard.press('Tab');
      const on = await page.evaluate((k) => window.newsgraph.edgeOn[window.newsgraph.graph.edges().indexOf(k)], k);
      assert.equal(on, 0, `${k} has ${w} citations in range, hidden at ${w + 1}`);
      await page.click('#min-weight', { clickCount: 3 });
      await page.type('#min-weight', String(w));
      await page.keyboard.press('Tab');
      const back = await page.evaluate((k) => window.newsgraph.edgeOn[window.newsgraph.graph.edges().indexOf(k)], k);
      assert.equal(back, 1, `${k} shown at ${w}`);
    }
    console.log('ok weights recounted within the date range');
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
}
main().catch((e) => { console.error('FAIL', e && e.message ? e.message : e); process.exit(1); });
