// graph.html in headless Chromium, as tests/html.rs runs it:
//
//     node tests/browser/graph-html.test.js GRAPH.html EXPECT.json
//
// EXPECT.json (written by tests/html.rs from the same build's triples.csv
// and from src/normalize.rs) holds: the edge to open and its citations with
// their spans, the actor a search must find, and folding cases. Prints one
// line per check; exits 1 at the first failure.
'use strict';
const assert = require('assert/strict');
const fs = require('fs');
const { launch, open } = require('./browser');

const [file, expectFile] = process.argv.slice(2);
const X = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
let checks = 0;
const ok = (what) => { checks += 1; console.log('ok', what); };

// Requests that leave the page: anything but Chromium's own data: images
// (the date input's calendar icon is one).
const outside = (log) => log.requests.filter((u) => !u.startsWith('data:'));

async function main() {
  const { browser, close } = await launch();
  try {
    const { page, log } = await open(browser, file);
    assert.deepEqual(log.errors, [], 'console errors');
    assert.deepEqual(outside(log), [], 'network requests');
    ok('loads from file:// with no console error and no request');

    // Search folds like src/normalize.rs, case for case.
    const folded = await page.evaluate((cases) => cases.map(([s]) => window.newsgraph.fold(s)), X.fold);
    X.fold.forEach(([s, want], i) => assert.equal(folded[i], want, `fold(${JSON.stringify(s)})`));
    ok(`search folding matches normalize_form on ${X.fold.length} cases`);

    for (const q of X.search.queries) {
      await page.click('#search', { clickCount: 3 });
      await page.keyboard.press('Backspace');
      await page.type('#search', q);
      const hits = await page.$$eval('#results button', (bs) => bs.map((b) => b.dataset.node));
      assert.ok(hits.includes(X.search.node), `«${q}» finds ${X.search.node} (got ${hits})`);
    }
    ok(`search ${X.search.queries.map((q) => '«' + q + '»').join(', ')} finds ${X.search.node}`);
    await page.click(`#results button[data-node="${X.search.node}"]`);
    assert.equal(await page.$eval('#panel h2', (h) => h.textContent), X.search.label);
    assert.equal(await page.evaluate(() => location.hash), '#node=' + encodeURIComponent(X.search.node));
    ok('a search result opens the actor and sets #node=');

    // Click the subject, then the edge in its list of relations.
    const [src, rel, dst] = X.edge.key.split('|');
    await page.click('#search', { clickCount: 3 });
    await page.type('#search', X.edge.subject_label);
    await page.click(`#results button[data-node="${src}"]`);
    const listed = await page.$$eval('#panel .edge-link', (bs) => bs.map((b) => b.dataset.edge));
    assert.ok(listed.includes(X.edge.key), `node panel lists ${X.edge.key}: ${listed}`);
    const dimmed = await page.evaluate((id) => {
      const s = window.newsgraph.sigma;
      const g = window.newsgraph.graph;
      return g.nodes().filter((n) => n !== id && !g.areNeighbors(id, n) && !s.getNodeDisplayData(n).hidden)
        .every((n) => s.getNodeDisplayData(n).color === '#e4e4e4');
    }, src);
    assert.ok(dimmed, 'a selected node dims what is not its neighbour');
    ok(`node ${src}: neighbourhood highlighted, ${listed.length} edges listed`);

    await page.click(`#panel .edge-link[data-edge="${X.edge.key}"]`);
    await checkEdgePanel(page, 'after a click in the node panel');

    // The URL hash restores a selection in a fresh page.
    const hash = await page.evaluate(() => location.hash);
    assert.equal(hash, '#edge=' + encodeURIComponent(X.edge.key));
    const again = await open(browser, file, { hash });
    await checkEdgePanel(again.page, 'restored from ' + hash);
    await again.page.goto(again.url + '#node=' + encodeURIComponent(dst));
    await again.page.waitForFunction((l) => document.querySelector('#panel h2') && document.querySelector('#panel h2').textContent === l, {}, X.edge.object_label);
    ok('#node= and #edge= restore the selection (page load and hashchange)');
    await again.page.close();
    await page.bringToFront();

    // A click on the edge itself, on the canvas, opens an edge between them.
    await page.evaluate(() => window.newsgraph.select(null));
    await new Promise((r) => setTimeout(r, 400));
    const at = await page.evaluate(([a, b]) => {
      const s = window.newsgraph.sigma;
      const p = (n) => s.graphToViewport(window.newsgraph.graph.getNodeAttributes(n));
      const [pa, pb] = [p(a), p(b)];
      const r = s.getContainer().getBoundingClientRect();
      return { x: r.left + (pa.x + pb.x) / 2, y: r.top + (pa.y + pb.y) / 2 };
    }, [src, dst]);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => location.hash.startsWith('#edge='), { timeout: 5000 });
    const clicked = decodeURIComponent((await page.evaluate(() => location.hash)).slice(6)).split('|');
    assert.deepEqual([clicked[0], clicked[2]].sort(), [src, dst].sort(), `clicked ${clicked}`);
    ok(`a click on the drawn edge opens ${clicked.join(' ')}`);

    // Filters: a family off hides exactly its edges, and the counts follow
    // (a selected edge stays drawn whatever the filters, so none is).
    await page.evaluate(() => window.newsgraph.select(null));
    const family = X.edge.family;
    await page.click(`#families input[value="${family}"]`);
    const after = await page.evaluate((f) => {
      const { data, edgeOn, sigma } = window.newsgraph;
      const rel = data.meta.relations;
      const wrong = data.edges.filter((e, k) => (rel[e.r] === f) === Boolean(edgeOn[k]));
      const drawn = data.edges.filter((e, k) => !sigma.getEdgeDisplayData(window.newsgraph.graph.edges()[k]).hidden).length;
      return { wrong: wrong.length, on: edgeOn.reduce((a, b) => a + b, 0), drawn, status: document.getElementById('status').textContent,
        count: document.querySelector(`#families .count[data-value="${f}"]`).textContent };
    }, family);
    assert.equal(after.wrong, 0, `edges of ${family} hidden, the others shown`);
    assert.equal(after.on, X.edges - X.family_edges);
    assert.equal(after.drawn, X.edges - X.family_edges, 'sigma draws what the filter keeps');
    assert.ok(after.status.startsWith(`${after.on} of ${X.edges} edges`), after.status);
    assert.equal(after.count, '(0)');
    ok(`family filter: ${family} off leaves ${after.on} of ${X.edges} edges; "${after.status}"`);
    await page.click(`#families input[value="${family}"]`);
    await page.click('#min-weight', { clickCount: 3 });
    await page.type('#min-weight', '2');
    await page.keyboard.press('Tab');
    const heavy = await page.evaluate(() => {
      const { data, edgeOn } = window.newsgraph;
      return data.edges.every((e, k) => Boolean(edgeOn[k]) === (e.w >= 2));
    });
    assert.ok(heavy, 'minimum weight 2 keeps the edges cited twice or more');
    ok('weight filter keeps edges cited at least twice');
    await page.click(`#modalities input[value="reported"]`);
    const asserted = await page.evaluate(() => {
      const { data, edgeOn } = window.newsgraph;
      return data.edges.every((e, k) => Boolean(edgeOn[k]) === ((e.m.asserted || 0) >= 2));
    });
    assert.ok(asserted, 'modality filter recounts weights from the asserted citations');
    ok('modality filter recounts weights');

    assert.deepEqual(log.errors, [], 'console errors after use');
    assert.deepEqual(outside(log), [], 'network requests after use');
    ok('still no console error and no request');
  } finally {
    await close();
  }

  // Without WebGL nothing is drawn, and the page says so; search and the
  // panels still work (headless Firefox without a GPU is such a browser).
  const plain = await launch(['--disable-webgl', '--disable-3d-apis']);
  try {
    const { page, log } = await open(plain.browser, file, { hash: '#edge=' + encodeURIComponent(X.edge.key) });
    assert.deepEqual(log.errors, [], 'console errors without WebGL');
    assert.ok(await page.$('#graph .no-drawing'), 'a note where the drawing would be');
    await checkEdgePanel(page, 'without WebGL');
  } finally {
    await plain.close();
  }
  console.log(`${checks} checks passed`);
}

// The edge panel: its citations, right to left, with the subject, cue and
// object marked at the character offsets triples.csv gives.
async function checkEdgePanel(page, how) {
  await page.waitForSelector('#citations .cite');
  const shown = await page.$$eval('#citations .evidence', (ps) => ps.map((p) => {
    const marks = [];
    let at = 0;
    for (const n of p.childNodes) {
      const len = Array.from(n.textContent).length;
      if (n.nodeName === 'MARK') marks.push({ role: n.className, start: at, end: at + len, text: n.textContent });
      at += len;
    }
    return { text: p.textContent, dir: getComputedStyle(p).direction, marks };
  }));
  const { citations, page_size: size } = X.edge;
  assert.equal(shown.length, Math.min(size, citations.length), 'citations on the first page');
  for (const [i, s] of shown.entries()) {
    const want = citations[i];
    assert.equal(s.text, want.evidence, `citation ${i} evidence`);
    assert.equal(s.dir, 'rtl', 'evidence right to left');
    const expected = ['subject', 'cue', 'object']
      .filter((r) => want[r])
      .map((r) => ({ role: r, start: want[r][0], end: want[r][1], text: Array.from(want.evidence).slice(...want[r]).join('') }))
      .sort((a, b) => a.start - b.start);
    assert.deepEqual(s.marks, expected, `citation ${i} highlights`);
  }
  const full = shown.filter((s) => s.marks.length === 3).length;
  assert.ok(full >= 1, 'at least one citation with all three highlights');
  const marked = shown.map((s) => s.marks.map((m) => `${m.role} ${m.start}-${m.end} «${m.text}»`).join(', '));
  ok(`edge ${X.edge.key} ${how}: ${shown.length} citations, highlights ${marked.join(' | ')}`);
}

main().catch((e) => {
  console.error('FAIL', e && e.message ? e.message : e);
  process.exit(1);
});
