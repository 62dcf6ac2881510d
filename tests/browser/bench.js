// Benchmark, not a test: loads a (large) graph.html in headless Chromium
// and reports its size, load time, first paint and memory.
//
//     node tests/browser/bench.js /tmp/ant/graph.html [shot.png]
'use strict';
const fs = require('fs');
const { launch, open } = require('./browser');

// Resident memory of Chromium's whole process tree (browser, renderer, GPU
// process), from /proc.
function browserRssMB(root) {
  const kids = new Map();
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const ppid = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(pid);
    } catch (e) { /* gone */ }
  }
  let kb = 0;
  const todo = [String(root)];
  while (todo.length) {
    const pid = todo.pop();
    try {
      const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
      if (m) kb += Number(m[1]);
    } catch (e) { /* gone */ }
    todo.push(...(kids.get(pid) || []));
  }
  return Math.round(kb / 1024);
}

async function main() {
  const [file, shot] = process.argv.slice(2);
  const { browser, close } = await launch();
  try {
    const { page, log } = await open(browser, file);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
        firstContentfulPaint: fcp ? Math.round(fcp.startTime) : null,
        graphFirstPaint: Math.round(window.newsgraph.firstPaint),
        edgesDrawn: window.newsgraph.edgeOn.reduce((a, b) => a + b, 0),
        edges: window.newsgraph.data.edges.length,
        nodes: window.newsgraph.data.nodes.length,
      };
    });
    const m = await page.metrics();
    // The renderer process's memory as Chromium counts it.
    const cdp = await page.target().createCDPSession();
    const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
    if (shot) await page.screenshot({ path: shot });
    // Every edge drawn: the "Show all edges" button.
    const all = await page.evaluate(async () => {
      const t = performance.now();
      const b = document.getElementById('show-all');
      if (!b) return null;
      b.click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return Math.round(performance.now() - t);
    });
    const rss = browserRssMB(browser.process().pid);
    console.log(JSON.stringify({
      file, bytes: fs.statSync(file).size, loadMs: log.loadMs, ...timing,
      jsHeapUsedMB: +(usedSize / 1048576).toFixed(1), jsHeapTotalMB: +(totalSize / 1048576).toFixed(1),
      domNodes: m.Nodes, consoleErrors: log.errors.length,
      showAllEdgesMs: all, chromiumRssMB: rss,
    }, null, 1));
  } finally {
    await close();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
