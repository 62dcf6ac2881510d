// How alike two PNGs are, decoded by Chromium (no image package needed):
//
//     node tests/browser/compare-png.js A.png B.png
//
// prints {"width": …, "height": …, "sameSize": …, "differing": fraction of
// pixels where a channel differs by more than 32}.
'use strict';
const fs = require('fs');
const { launch } = require('./browser');

async function main() {
  const [a, b] = process.argv.slice(2).map((f) => 'data:image/png;base64,' + fs.readFileSync(f).toString('base64'));
  const { browser, close } = await launch();
  try {
    const page = await browser.newPage();
    const r = await page.evaluate(async (a, b) => {
      const load = (src) => new Promise((ok, bad) => {
        const i = new Image();
        i.onload = () => ok(i);
        i.onerror = bad;
        i.src = src;
      });
      const [ia, ib] = [await load(a), await load(b)];
      const pixels = (img) => {
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const x = c.getContext('2d');
        x.drawImage(img, 0, 0);
        return x.getImageData(0, 0, c.width, c.height).data;
      };
      const sameSize = ia.naturalWidth === ib.naturalWidth && ia.naturalHeight === ib.naturalHeight;
      let differing = 1;
      if (sameSize) {
        const [pa, pb] = [pixels(ia), pixels(ib)];
        let n = 0;
        for (let k = 0; k < pa.length; k += 4) {
          if (Math.abs(pa[k] - pb[k]) > 32 || Math.abs(pa[k + 1] - pb[k + 1]) > 32 || Math.abs(pa[k + 2] - pb[k + 2]) > 32) n += 1;
        }
        differing = n / (pa.length / 4);
      }
      return { width: ia.naturalWidth, height: ia.naturalHeight, sameSize, differing };
    }, a, b);
    console.log(JSON.stringify(r));
  } finally {
    await close();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
