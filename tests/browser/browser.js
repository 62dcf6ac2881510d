// Headless Chromium for the graph.html scripts: Debian's chromium through
// puppeteer-core (no browser download), a fresh profile, no network.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const CHROMIUM = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser']
  .find((p) => fs.existsSync(p)) || '/usr/bin/chromium';

async function launch(extraArgs = []) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--font-render-hinting=none', `--user-data-dir=${profile}`, ...extraArgs,
    ],
  });
  const close = async () => {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { browser, close };
}

// Opens a file:// page, recording console errors, page errors and every
// request that is not the page itself (data: URLs included: nothing should
// be fetched at all).
async function open(browser, file, { width = 1400, height = 860, hash = '' } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  const log = { errors: [], requests: [] };
  const url = 'file://' + path.resolve(file);
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => { if (r.url().split('#')[0] !== url) log.requests.push(r.url()); });
  const started = Date.now();
  await page.goto(url + hash, { waitUntil: 'load' });
  await page.waitForFunction(() => window.newsgraph && window.newsgraph.firstPaint, { timeout: 120000 });
  log.loadMs = Date.now() - started;
  return { page, log, url };
}

module.exports = { launch, open };
