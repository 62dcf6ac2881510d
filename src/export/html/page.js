// graph.html's explorer: draws the embedded graph with sigma.js, and shows
// the sentences behind a node's or an edge's relations. Data layout:
// src/export/html.rs (write_data); everything runs from file:// offline.
(function () {
  'use strict';

  const D = JSON.parse(document.getElementById('graph-data').textContent);
  const M = D.meta;
  const $ = (id) => document.getElementById(id);

  // ---- Folding as src/normalize.rs does (normalize_form): what search
  // matches on, so «اردوغان» finds «أردوغان».
  const MAP = {
    'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
    'ة': 'ه', 'ى': 'ي', 'ئ': 'ي', 'ی': 'ي', 'ې': 'ي', 'ؤ': 'و', 'ک': 'ك', 'ہ': 'ه', 'ە': 'ه',
    '«': '"', '»': '"', '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '‹': '"', '›': '"', '＂': '"',
    '‘': "'", '’': "'", '‚': "'", '‛': "'", '`': "'", '´': "'",
    '،': ',', '؛': ';', '؟': '?', '٪': '%', '–': '-', '—': '-', '―': '-', '‐': '-', '‑': '-',
  };
  const DROP = /[\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\r]/;
  const NEWLINE = /[\n\u2028\u2029\u0085]/;
  const SPACE = /[\s\u0000-\u001F\u007F-\u009F]/;
  function foldChar(c) {
    if (DROP.test(c)) return '';
    if (NEWLINE.test(c)) return '\n';
    if (SPACE.test(c)) return ' ';
    if (MAP[c]) return MAP[c];
    const n = c.codePointAt(0);
    if (n >= 0x660 && n <= 0x669) return String(n - 0x660);
    if (n >= 0x6F0 && n <= 0x6F9) return String(n - 0x6F0);
    if (c >= 'A' && c <= 'Z') return c.toLowerCase();
    return c;
  }
  function fold(s) {
    let out = '';
    let space = false;
    for (const c of s.trim()) {
      const f = foldChar(c);
      if (f === '') continue;
      if (f === ' ') {
        if (out !== '' && !out.endsWith('\n')) space = true;
        continue;
      }
      if (f === '\n') { space = false; out += f; continue; }
      if (space) { out += ' '; space = false; }
      out += f;
    }
    return out.replace(/\n/g, ' ').trim();
  }
  // Search also ignores Latin accents («Erdoğan» for "erdogan"); fold has
  // already turned the Arabic letters NFD would split.
  const key = (s) => fold(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  // For the browser tests and the console.
  window.newsgraph = { fold, data: D };

  // ---- The graph.
  const typeColour = Object.fromEntries(M.types.map(([t, c]) => [t, c]));
  const nodes = D.nodes.map(([id, label, en, type, degree, x, y], i) => ({
    i, id, label: label || id, en, type, degree, x, y, key: key(label + ' ' + en + ' ' + id),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = D.edges.map((e, k) => {
    const s = nodes[e.s], t = nodes[e.t];
    return Object.assign(e, {
      k, key: s.id + '|' + e.r + '|' + t.id, src: s, dst: t, family: M.relations[e.r],
    });
  });
  const byKey = new Map(edges.map((e) => [e.key, e]));
  const hasConf = edges.some((e) => typeof e.conf === 'number');
  const days = [...new Set(edges.flatMap((e) => e.tally.map((t) => t[0]).filter(Boolean)))].sort();
  const modalities = [...new Set(edges.flatMap((e) => e.tally.map((t) => t[1])))].sort();
  const relations = [...new Set(edges.map((e) => e.r))].sort();
  const families = Object.keys(M.families).filter((f) => edges.some((e) => e.family === f));
  const large = edges.length > M.largeGraphEdges;

  const small = nodes.length <= 500;
  const graph = new graphology.MultiDirectedGraph();
  for (const n of nodes) {
    graph.addNode(n.id, {
      x: n.x, y: n.y, label: n.label,
      size: small ? Math.min(3 + 1.6 * Math.sqrt(n.degree), 22) : Math.min(1.5 + 0.5 * Math.sqrt(n.degree), 12),
      color: typeColour[n.type] || M.otherType,
    });
  }
  for (const e of edges) {
    graph.addEdgeWithKey(e.key, e.src.id, e.dst.id, {
      size: small ? Math.min(0.8 + 1.2 * Math.log(e.w), 6) : Math.min(0.3 + 0.5 * Math.log(e.w), 3),
      color: M.families[e.family],
      type: e.sym ? 'line' : 'arrow',
    });
  }

  // ---- Filters: every count is recomputed from the per-day, per-modality
  // tallies, so a date range or a modality changes weights exactly.
  const F = {};
  function resetFilters() {
    F.families = new Set(families);
    F.relations = new Set(relations);
    F.modalities = new Set(modalities);
    F.since = ''; F.until = ''; F.minWeight = 1; F.minConf = 0;
    F.limit = large;
  }
  resetFilters();
  const weightOf = new Float64Array(edges.length);
  const edgeOn = new Uint8Array(edges.length);
  // Passes the filters (edgeOn: and is among the heaviest, when limited).
  const edgeOk = new Uint8Array(edges.length);
  const nodeOn = new Uint8Array(nodes.length);
  const counts = { family: {}, relation: {}, modality: {} };

  function applyFilters() {
    const dated = F.since || F.until;
    let candidates = [];
    for (const c of Object.values(counts)) for (const k of Object.keys(c)) c[k] = 0;
    for (const e of edges) {
      let w = 0;
      for (const [day, m, n] of e.tally) {
        if (!F.modalities.has(m)) continue;
        if (dated && (!day || (F.since && day < F.since) || (F.until && day > F.until))) continue;
        w += n;
      }
      weightOf[e.k] = w;
      edgeOn[e.k] = 0;
      const ok = w > 0 && w >= F.minWeight && F.families.has(e.family) && F.relations.has(e.r)
        && (!hasConf || typeof e.conf !== 'number' || e.conf >= F.minConf);
      edgeOk[e.k] = ok ? 1 : 0;
      if (ok) candidates.push(e);
    }
    if (F.limit && candidates.length > M.topEdges) {
      candidates.sort((a, b) => weightOf[b.k] - weightOf[a.k] || a.k - b.k);
      candidates = candidates.slice(0, M.topEdges);
    }
    nodeOn.fill(0);
    for (const e of candidates) {
      edgeOn[e.k] = 1;
      nodeOn[e.src.i] = 1;
      nodeOn[e.dst.i] = 1;
      counts.family[e.family] = (counts.family[e.family] || 0) + 1;
      counts.relation[e.r] = (counts.relation[e.r] || 0) + 1;
      for (const [day, m, n] of e.tally) {
        if (!dated || (day && (!F.since || day >= F.since) && (!F.until || day <= F.until))) {
          counts.modality[m] = (counts.modality[m] || 0) + n;
        }
      }
    }
    // An actor with no edge at all stays on the map while nothing is
    // filtered out.
    const unfiltered = candidates.length === edges.length;
    for (const n of nodes) if (n.degree === 0 && unfiltered) nodeOn[n.i] = 1;
    showCounts(candidates.length);
    if (sigma) sigma.refresh();
  }

  function showCounts(shown) {
    const visibleNodes = nodeOn.reduce((a, b) => a + b, 0);
    $('status').textContent = `${shown.toLocaleString('en')} of ${edges.length.toLocaleString('en')} edges, `
      + `${visibleNodes.toLocaleString('en')} of ${nodes.length.toLocaleString('en')} actors shown`;
    for (const [kind, box] of [['family', 'families'], ['relation', 'relations'], ['modality', 'modalities']]) {
      for (const span of $(box).querySelectorAll('.count')) {
        span.textContent = '(' + (counts[kind][span.dataset.value] || 0).toLocaleString('en') + ')';
      }
    }
    const notice = $('notice');
    if (large && F.limit) {
      notice.hidden = false;
      notice.innerHTML = '';
      notice.append(`A large graph: drawn with its ${M.topEdges.toLocaleString('en')} heaviest edges `
        + `of ${edges.length.toLocaleString('en')}, so it opens quickly. `);
      const b = el('button', { type: 'button', id: 'show-all' }, 'Show all edges');
      b.onclick = () => { F.limit = false; $('limit').checked = false; applyFilters(); };
      notice.append(b);
    } else {
      notice.hidden = true;
    }
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function checkboxes(box, values, set, label) {
    for (const v of values) {
      const input = el('input', { type: 'checkbox', value: v });
      input.checked = set().has(v);
      input.onchange = () => { input.checked ? set().add(v) : set().delete(v); applyFilters(); };
      $(box).append(el('label', {}, input, ' ', label(v), ' ', el('span', { class: 'count', dataset: { value: v } })));
    }
  }

  function buildControls() {
    const swatch = (f) => el('span', { class: 'line', style: 'background:' + M.families[f] });
    checkboxes('families', families, () => F.families, (f) => el('span', {}, swatch(f), f));
    checkboxes('relations', relations, () => F.relations, (r) => el('span', {}, swatch(M.relations[r]), r));
    checkboxes('modalities', modalities, () => F.modalities, (m) => m);
    if (days.length) {
      for (const id of ['since', 'until']) {
        $(id).min = days[0];
        $(id).max = days[days.length - 1];
        $(id).onchange = () => { F[id] = $(id).value; applyFilters(); };
      }
    } else {
      $('dates-box').append(el('div', { class: 'count' }, 'the articles carry no dates'));
      $('since').disabled = $('until').disabled = true;
    }
    $('min-weight').onchange = () => { F.minWeight = Math.max(1, Number($('min-weight').value) || 1); applyFilters(); };
    $('confidence-box').hidden = !hasConf;
    $('confidence').onchange = () => { F.minConf = Number($('confidence').value) || 0; applyFilters(); };
    $('limit-row').hidden = !large;
    $('limit-n').textContent = M.topEdges.toLocaleString('en');
    $('limit').checked = F.limit;
    $('limit').onchange = () => { F.limit = $('limit').checked; applyFilters(); };
    $('reset').onclick = () => {
      resetFilters();
      for (const input of $('filters').querySelectorAll('input[type=checkbox]')) {
        input.checked = input.id === 'limit' ? F.limit : true;
      }
      $('since').value = $('until').value = '';
      $('min-weight').value = 1;
      $('confidence').value = 0;
      applyFilters();
    };
    const legend = $('legend');
    for (const f of Object.keys(M.families)) {
      legend.append(el('div', {}, el('span', { class: 'line', style: 'background:' + M.families[f] }), f + ' (edges)'));
    }
    for (const [t, c] of M.types) {
      legend.append(el('div', {}, el('span', { class: 'swatch', style: 'background:' + c }), t));
    }
    legend.append(el('div', {}, el('span', { class: 'swatch', style: 'background:' + M.otherType }), 'other'));
    legend.append(el('div', { class: 'count' }, 'Node size: number of edges. Edge width: citations. '
      + 'Arrows point from subject to object; symmetric relations have none.'));
  }

  // ---- Search.
  function search() {
    const q = key($('search').value);
    const list = $('results');
    list.innerHTML = '';
    if (!q) { list.hidden = true; return []; }
    const hits = nodes.filter((n) => n.key.includes(q))
      .sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1)).slice(0, 30);
    for (const n of hits) {
      const b = el('button', { type: 'button', dataset: { node: n.id } },
        el('span', { dir: 'rtl', lang: 'ar' }, n.label), el('span', { class: 'en' }, n.en || n.id));
      b.onclick = () => select({ node: n.id, search: true });
      list.append(el('li', {}, b));
    }
    if (!hits.length) list.append(el('li', { class: 'count' }, 'no actor matches'));
    list.hidden = false;
    return hits;
  }

  // ---- Selection, kept in the URL hash (#node=…, #edge=…).
  let selected = null; // {node} or {edge}
  let neighbours = new Set();
  let hovered = null;

  function select(sel, fromHash) {
    if (sel && sel.node && !byId.has(sel.node)) sel = null;
    if (sel && sel.edge && !byKey.has(sel.edge)) sel = null;
    selected = sel;
    neighbours = new Set();
    if (sel && sel.node) {
      neighbours.add(sel.node);
      graph.forEachNeighbor(sel.node, (m) => neighbours.add(m));
      showNode(byId.get(sel.node));
    } else if (sel && sel.edge) {
      showEdge(byKey.get(sel.edge), 0);
    } else {
      $('panel').hidden = true;
    }
    if (!fromHash) {
      const h = sel ? (sel.node ? 'node=' + encodeURIComponent(sel.node) : 'edge=' + encodeURIComponent(sel.edge)) : '';
      history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
    }
    if (!sigma) return;
    sigma.refresh();
    // A selection from a search or a link is brought into view; one made by
    // clicking is already in it.
    const focus = (fromHash || sel && sel.search) && sel && (sel.node || graph.source(sel.edge));
    if (focus) {
      const d = sigma.getNodeDisplayData(focus);
      const ratio = Math.min(sigma.getCamera().ratio, nodes.length > 200 ? 0.3 : 1);
      if (d) sigma.getCamera().animate({ x: d.x, y: d.y, ratio }, { duration: 300 });
    }
  }

  function fromHash() {
    const h = location.hash.replace(/^#/, '');
    const [k, ...rest] = h.split('=');
    const v = decodeURIComponent(rest.join('='));
    if (k === 'node') select({ node: v }, true);
    else if (k === 'edge') select({ edge: v }, true);
    else if (selected) select(null, true);
  }

  function panel(...children) {
    const p = $('panel');
    p.innerHTML = '';
    const close = el('button', { type: 'button', class: 'close', title: 'close', 'aria-label': 'close' }, '×');
    close.onclick = () => select(null);
    p.append(close, ...children);
    p.hidden = false;
  }

  const relBadge = (r) => el('span', { class: 'rel', style: 'background:' + M.families[M.relations[r]] }, r);

  function showNode(n) {
    const mine = edges.filter((e) => e.src === n || e.dst === n);
    const byRel = new Map();
    for (const e of mine) {
      if (!byRel.has(e.r)) byRel.set(e.r, []);
      byRel.get(e.r).push(e);
    }
    const sections = [];
    for (const r of [...byRel.keys()].sort()) {
      const list = el('ul', { class: 'edge-list' });
      for (const e of byRel.get(r).sort((a, b) => b.w - a.w || a.k - b.k)) {
        const other = e.src === n ? e.dst : e.src;
        const arrow = e.sym ? '↔' : (e.src === n ? '→' : '←');
        const b = el('button', { type: 'button', class: 'edge-link', dataset: { edge: e.key } },
          el('span', {}, arrow + ' ', el('span', { dir: 'rtl', lang: 'ar' }, other.label), ' ', el('span', { class: 'en' }, other.en)),
          el('span', { class: 'w' }, '×' + e.w + (edgeOk[e.k] ? '' : ' (filtered)')));
        b.onclick = () => select({ edge: e.key });
        list.append(el('li', {}, b));
      }
      sections.push(el('h3', {}, relBadge(r), ' ', String(byRel.get(r).reduce((a, e) => a + e.w, 0)) + ' citations'), list);
    }
    panel(
      el('h2', { dir: 'rtl', lang: 'ar' }, n.label),
      el('div', { class: 'facts' }, [n.en, n.type, n.id, mine.length + ' edges'].filter(Boolean).join(' · ')),
      ...sections,
    );
  }

  const PAGE = 5;

  function showEdge(e, page) {
    const cites = e.c;
    const pages = Math.max(1, Math.ceil(cites.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    const list = el('div', { id: 'citations' });
    for (const c of cites.slice(page * PAGE, page * PAGE + PAGE)) list.append(citationView(c));
    const pager = el('div', { class: 'pager' });
    if (pages > 1) {
      const prev = el('button', { type: 'button', class: 'prev' }, '‹ previous');
      const next = el('button', { type: 'button', class: 'next' }, 'next ›');
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
      prev.onclick = () => showEdge(e, page - 1);
      next.onclick = () => showEdge(e, page + 1);
      pager.append(prev, `citations ${page * PAGE + 1}–${Math.min(cites.length, page * PAGE + PAGE)} of ${cites.length}`, next);
    }
    const mods = Object.entries(e.m).map(([m, n]) => `${m} ${n}`).join(', ');
    const range = e.tally.map((t) => t[0]).filter(Boolean).sort();
    const more = e.n - cites.length;
    panel(
      el('h2', { dir: 'rtl' },
        el('button', { type: 'button', class: 'node-link', dataset: { node: e.src.id } }, el('span', { dir: 'rtl', lang: 'ar' }, e.src.label)),
        ' ', relBadge(e.r), ' ',
        el('button', { type: 'button', class: 'node-link', dataset: { node: e.dst.id } }, el('span', { dir: 'rtl', lang: 'ar' }, e.dst.label))),
      el('div', { class: 'facts' }, `${e.src.en || e.src.id} ${e.sym ? '↔' : '→'} ${e.r} ${e.sym ? '↔' : '→'} ${e.dst.en || e.dst.id} · `
        + `${e.family} · ${e.n} citation${e.n === 1 ? '' : 's'} (${mods})`
        + (range.length ? ` · ${range[0]} to ${range[range.length - 1]}` : '')),
      el('div', { class: 'facts key' }, el('mark', { class: 'subject' }, 'subject'), ' ', el('mark', { class: 'cue' }, 'cue'), ' ', el('mark', { class: 'object' }, 'object')),
      list, pager,
      more > 0 ? el('p', { class: 'more' }, `${more.toLocaleString('en')} more citation${more === 1 ? '' : 's'} in triples.csv `
        + `(this page keeps the first ${M.citationsPerEdge} of each edge).`) : null,
    );
    for (const b of $('panel').querySelectorAll('h2 .node-link')) b.onclick = () => select({ node: b.dataset.node });
  }

  // One citation as shown: every field a citation row carries is read here.
  function citationView(c) {
    const [id, date, source, url] = D.articles[c.a];
    const meta = el('div', { class: 'meta' }, 'article ', el('code', {}, id));
    if (date) meta.append(' · ' + date);
    if (source) meta.append(' · ' + source);
    if (url && /^https?:\/\//i.test(url)) {
      meta.append(' · ', el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, 'link'));
    }
    meta.append(` · sentence ${c.i}, characters ${c.ch[0]}–${c.ch[1]} · ${c.m}`);
    if (typeof c.conf === 'number') meta.append(` · confidence ${c.conf}`);
    if (c.rule) meta.append(` · rule ${c.rule}`);
    return el('div', { class: 'cite' }, meta, evidenceView(c));
  }

  // The sentence right to left, with the subject, cue and object marked by
  // their character (code point) ranges in it.
  function evidenceView(c) {
    const chars = Array.from(c.e);
    const marks = [['subject', c.s], ['cue', c.c], ['object', c.o]]
      .filter(([, r]) => r && r[0] < r[1] && r[1] <= chars.length)
      .sort((a, b) => a[1][0] - b[1][0]);
    const p = el('p', { class: 'evidence', dir: 'rtl', lang: 'ar' });
    let at = 0;
    for (const [role, [s, e]] of marks) {
      if (s < at) continue; // overlapping spans: the earlier one wins
      p.append(chars.slice(at, s).join(''));
      p.append(el('mark', { class: role, title: role }, chars.slice(s, e).join('')));
      at = e;
    }
    p.append(chars.slice(at).join(''));
    return p;
  }

  // ---- Drawing.
  const DIM_NODE = '#e4e4e4', DIM_EDGE = '#eeeeee';
  let sigma = null;
  function nodeReducer(id, data) {
    const n = byId.get(id);
    const res = Object.assign({}, data);
    const pinned = selected && ((selected.node === id) || (selected.edge && (graph.source(selected.edge) === id || graph.target(selected.edge) === id)));
    if (!nodeOn[n.i] && !pinned && !(selected && selected.node && neighbours.has(id))) {
      res.hidden = true;
      return res;
    }
    if (selected && selected.node && !neighbours.has(id)) {
      res.color = DIM_NODE;
      res.label = '';
    } else if (selected && selected.edge && !pinned) {
      res.color = DIM_NODE;
    }
    if (pinned || hovered === id) {
      res.highlighted = true;
      res.zIndex = 2;
      if (n.en) res.label = n.label + ' · ' + n.en;
      res.forceLabel = true;
    } else if (selected && selected.node && neighbours.has(id)) {
      res.forceLabel = true;
      res.zIndex = 1;
    }
    return res;
  }
  function edgeReducer(key, data) {
    const e = byKey.get(key);
    const res = Object.assign({}, data);
    const pinned = selected && selected.edge === key;
    const incident = selected && selected.node && (e.src.id === selected.node || e.dst.id === selected.node);
    // A selected actor's edges show even when only the heaviest are drawn.
    if (!edgeOn[e.k] && !pinned && !(incident && edgeOk[e.k])) { res.hidden = true; return res; }
    if (selected && !pinned && !incident) res.color = DIM_EDGE;
    if (pinned) { res.size = data.size + 2; res.zIndex = 2; }
    if (incident) res.zIndex = 1;
    return res;
  }

  // The renderer, or null with a note in its place when the browser has no
  // WebGL: search, filters and the panels work without it.
  function draw(settings) {
    try {
      if (window.sigmaError || typeof Sigma === 'undefined') throw window.sigmaError || new Error('sigma.js did not load');
      return new Sigma(graph, $('graph'), settings);
    } catch (e) {
      $('graph').append(el('p', { class: 'no-drawing' }, 'This browser cannot draw the graph (WebGL: '
        + (e && e.message ? e.message : e) + '). Search, filters and the panels still work.'));
      return null;
    }
  }

  buildControls();
  applyFilters();
  sigma = draw({
    enableEdgeEvents: true,
    zIndex: true,
    labelFont: getComputedStyle(document.documentElement).getPropertyValue('--arabic'),
    labelSize: 14,
    labelWeight: 'normal',
    labelRenderedSizeThreshold: small ? 0 : 9,
    // A small graph names every actor; a large one, the biggest per cell.
    labelDensity: small ? 50 : 1,
    labelGridCellSize: small ? 40 : 100,
    // Room for the labels, which run to the right of their node.
    stagePadding: small ? 90 : 30,
    defaultEdgeType: 'arrow',
    nodeReducer,
    edgeReducer,
  });
  if (sigma) {
    sigma.on('clickNode', ({ node }) => select({ node }));
    sigma.on('clickEdge', ({ edge }) => select({ edge }));
    sigma.on('clickStage', () => select(null));
    // Hovering redraws one node, not the whole graph.
    const redraw = (node) => sigma.refresh({ partialGraph: { nodes: [node] }, skipIndexation: true });
    sigma.on('enterNode', ({ node }) => { hovered = node; redraw(node); });
    sigma.on('leaveNode', ({ node }) => { hovered = null; redraw(node); });
  }
  $('search').addEventListener('input', search);
  $('search').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      const hits = search();
      if (hits.length) select({ node: hits[0].id, search: true });
    }
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();
  // The graph's first frame has been painted when a second frame starts
  // (sigma draws in the frame it scheduled first).
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.newsgraph.firstPaint = performance.now();
  }));

  Object.assign(window.newsgraph, { graph, sigma, edgeOn, nodeOn, select });
})();
