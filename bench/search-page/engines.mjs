// The engines under test, each behind the same five calls so run.mjs can treat them alike:
//   load(input)          import the engine's code and fetch what it indexes (not timed)
//   build(loaded)        index it (timed: "index build")
//   search(ix, q, limit) one keystroke: the hits a results list would render (text, speaker, title)
//   ids(ix, q)           the ids of every quote the engine matches for q (for recall vs a naive scan)
//   wasmBytes(ix)        optional: linear memory the engine grew outside the JS heap
// `input` is {texts} (a URL of {names, texts}) for quotelens, {records} (a URL of [{id, text,
// speaker, title}]) for the JS engines and {pagefind} (the URL of a Pagefind bundle) for Pagefind.
// Settings: prefix matching everywhere; fuzzy where the engine has it; all query words required
// where the engine lets us choose (the naive scan requires them all too).
const NM = new URL('../../node_modules/', import.meta.url).href;
// Building a lens from raw texts needs the extractor, which only the full build (www/pkg-full, the
// worker's) has; the page's wasm (www/pkg, what every keystroke runs, with its own allocator) loads
// a pack. So the full build extracts and packs (as the worker does for a person's own articles),
// and the page's build loads the pack and answers the searches timed here.
const PKG = new URL('../../www/pkg-full/', import.meta.url).href;
const PAGE_PKG = new URL('../../www/pkg/', import.meta.url).href;
// The page reads the core's numeric answer into cards and facets with this module; timing it too
// makes the quotelens row the page's whole keystroke.
const HITS = new URL('../../www/hits.js', import.meta.url).href;

// A wasm module's memory, found by its type: build.sh shortens the export names ("memory" among them).
const memoryOf = (exports) => Object.values(exports).find((v) => v instanceof WebAssembly.Memory);

const fetchJson = async (url) => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
};

// The text a quote is found by: its words, its speaker's name, the article's title.
const body = (r) => `${r.text}\n${r.speaker}\n${r.title}`;

export const ENGINES = {
  quotelens: {
    async load({ texts }) {
      const [full, page] = await Promise.all([PKG, PAGE_PKG].map(async (base) => {
        const mod = await import(`${base}quotelens.js`);
        return { mod, memory: memoryOf(await mod.default({ module_or_path: `${base}quotelens_bg.wasm` })) };
      }));
      const { searcher } = await import(HITS);
      return { full, page, searcher, corpus: await fetchJson(texts) };
    },
    // The full build extracts (fromTexts, no alignment) and packs; the page's build loads the pack
    // (decoding it and building its index), as the page does with the bundled articles: the memory
    // reported is the page's wasm memory growth over that load. The build time is the full build's
    // own timing of a rebuild of the search index over the extracted quotes (the same index code;
    // extraction is measured apart, by benchExtract).
    build({ full, page, searcher, corpus }) {
      const source = full.mod.Lens.fromTexts(corpus.names, corpus.texts, false);
      const pack = source.pack();
      const buildMs = source.timeIndexBuild();
      const before = page.memory.buffer.byteLength;
      const lens = new page.mod.Lens();
      lens.loadPack(pack, false);
      const grown = page.memory.buffer.byteLength - before;
      return { ix: { source, lens, quotes: searcher(lens), grown }, buildMs };
    },
    search: ({ quotes }, q, limit) => quotes.search(q, [], [], [], [], limit).hits,
    ids: ({ source }, q) => JSON.parse(source.exportQuotes(q, [], [], [], [], 'json')).map((r) => r.id),
    wasmBytes: ({ grown }) => grown,
  },

  MiniSearch: {
    async load({ records }) {
      return { MiniSearch: (await import(`${NM}minisearch/dist/es/index.js`)).default, records: await fetchJson(records) };
    },
    build({ MiniSearch, records }) {
      const ix = new MiniSearch({
        fields: ['text', 'speaker', 'title'],
        storeFields: ['text', 'speaker', 'title'],
        searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND' },
      });
      ix.addAll(records);
      return { ix };
    },
    search: (ix, q, limit) => ix.search(q).slice(0, limit),
    ids: (ix, q) => ix.search(q).map((r) => r.id),
  },

  FlexSearch: {
    async load({ records }) {
      return { flex: await import(`${NM}flexsearch/dist/flexsearch.bundle.module.min.mjs`), records: await fetchJson(records) };
    },
    // One forward-tokenized (prefix) field over text, speaker and title; LatinBalance is its
    // phonetic-leaning encoder (the nearest it has to fuzzy). Ids are positions in `records`.
    build({ flex, records }) {
      const index = new flex.Index({ tokenize: 'forward', encoder: flex.Charset.LatinBalance });
      records.forEach((r, i) => index.add(i, body(r)));
      return { ix: { index, records } };
    },
    search: ({ index, records }, q, limit) => index.search(q, { limit }).map((i) => records[i]),
    ids: ({ index, records }, q) => index.search(q, { limit: records.length }).map((i) => records[i].id),
  },

  'Fuse.js': {
    async load({ records }) {
      return { Fuse: (await import(`${NM}fuse.js/dist/fuse.mjs`)).default, records: await fetchJson(records) };
    },
    // ignoreLocation: match anywhere in a long quote (by default Fuse only looks near the start);
    // extended search: space-separated words are ANDed, each matched fuzzily (default threshold).
    build({ Fuse, records }) {
      return { ix: new Fuse(records, { keys: ['text', 'speaker', 'title'], ignoreLocation: true, useExtendedSearch: true }) };
    },
    search: (ix, q, limit) => ix.search(q, { limit }).map((r) => r.item),
    ids: (ix, q) => ix.search(q).map((r) => r.item.id),
  },

  Orama: {
    async load({ records }) {
      return { orama: await import(`${NM}@orama/orama/dist/browser/index.js`), records: await fetchJson(records) };
    },
    // Orama matches prefixes by default; tolerance 1 = one edit (fuzzy); threshold 0 = all words.
    async build({ orama, records }) {
      const db = orama.create({ schema: { text: 'string', speaker: 'string', title: 'string' } });
      await orama.insertMultiple(db, records);
      return { ix: { orama, db, n: records.length } };
    },
    search: async ({ orama, db }, q, limit) =>
      (await orama.search(db, { term: q, limit, tolerance: 1, threshold: 0 })).hits.map((h) => h.document),
    ids: async ({ orama, db, n }, q) =>
      (await orama.search(db, { term: q, limit: n, tolerance: 1, threshold: 0 })).hits.map((h) => h.id),
  },

  // The index is built in Node beforehand (bench/search.mjs, one custom record per quote); in the
  // browser "build" is loading the bundle's entry, wasm and metadata. Results are ranked pages whose
  // data (text, meta) is fetched per result, as Pagefind's own UI does.
  Pagefind: {
    async load({ pagefind }) {
      return { pf: await import(`${pagefind}pagefind.js`), base: pagefind };
    },
    async build({ pf, base }) {
      await pf.options({ basePath: base });
      await pf.init();
      return { ix: pf };
    },
    search: async (pf, q, limit) => Promise.all((await pf.search(q)).results.slice(0, limit).map((r) => r.data())),
    ids: async (pf, q) => (await Promise.all((await pf.search(q)).results.map((r) => r.data()))).map((d) => d.meta.qid),
  },
};

// The page's whole keystroke: the quotes (timed above as "quotelens"), then the matching paragraphs
// of the article text, which the page asks for a frame later (lens.passages, the page's 5).
ENGINES['quotelens + passages'] = {
  ...ENGINES.quotelens,
  search: ({ lens, quotes }, q, limit) => {
    const { hits } = quotes.search(q, [], [], [], [], limit);
    JSON.parse(lens.passages(q, '', '', '', '', 5));
    return hits;
  },
};

// Like for like: FlexSearch plus what the page's keystroke also makes (printed beside, not raced):
// every match (not just the first `limit`), facet counts over all of them (speaker and article:
// two of the page's four facets), and highlight segments of the query's words (each word of the
// quote and the speaker's name that starts with one, folded as the naive scan folds) for the
// hits shown, in JS as a page over FlexSearch would make them.
const fold = (w) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
function segments(text, words) {
  const out = [];
  let pos = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = fold(m[0]);
    if (!words.some((q) => w.startsWith(q))) continue;
    if (m.index > pos) out.push({ text: text.slice(pos, m.index) });
    out.push({ text: m[0], hit: true });
    pos = m.index + m[0].length;
  }
  if (pos < text.length || !out.length) out.push({ text: text.slice(pos) });
  return out;
}
ENGINES['FlexSearch + facets + highlights'] = {
  ...ENGINES.FlexSearch,
  search: ({ index, records }, q, limit) => {
    const ids = index.search(q, { limit: records.length });
    const speakers = new Map();
    const articles = new Map();
    for (const i of ids) {
      const r = records[i];
      speakers.set(r.speaker, (speakers.get(r.speaker) ?? 0) + 1);
      articles.set(r.title, (articles.get(r.title) ?? 0) + 1);
    }
    // The panel's lists: each facet's top 8 values by count.
    const top = (counts) => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8);
    const facets = { speaker: top(speakers), article: top(articles) };
    const words = fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const hits = ids.slice(0, limit).map((i) => {
      const r = records[i];
      return { ...r, segments: segments(r.text, words), speaker_segments: segments(r.speaker, words) };
    });
    hits.facets = facets;
    return hits;
  },
};
