// The in-page half of bench/search.mjs: for one engine in a fresh page, load its code and data,
// index (timed), read the JS heap growth (gc() first; Chromium runs with --expose-gc and
// --enable-precise-memory-info), then "type" each query character by character, timing the search
// call for every prefix, then collect the full match set of each whole query for recall.
import { ENGINES } from './engines.mjs';

const heap = () => {
  gc();
  gc();
  return performance.memory.usedJSHeapSize;
};
const tick = () => new Promise((r) => setTimeout(r, 0));

const state = {};

/** Load and index; returns {buildMs, heapBytes, wasmBytes?}. */
async function build(engine, input) {
  const e = ENGINES[engine];
  const loaded = await e.load(input);
  const before = heap();
  const t0 = performance.now();
  const built = await e.build(loaded);
  const buildMs = built.buildMs ?? performance.now() - t0;
  const heapBytes = heap() - before;
  Object.assign(state, { e, ix: built.ix });
  return { buildMs, heapBytes, wasmBytes: e.wasmBytes?.(built.ix) };
}

/** Type `warmup` once untimed, then every query `passes` times, timing each keystroke, until
 * `budgetMs` of search time is spent; returns the latencies in ms and how many keystrokes were skipped. */
async function type(queries, { warmup, passes, limit, budgetMs }) {
  const { e, ix } = state;
  const prefixes = (q) => [...q].map((_, i) => q.slice(0, i + 1));
  const keys = queries.flatMap(prefixes);
  const search = async (prefix) => {
    const t0 = performance.now();
    const hits = await e.search(ix, prefix, limit);
    const dt = performance.now() - t0;
    if (!Array.isArray(hits)) throw new Error(`search("${prefix}") returned no hit list`);
    await tick();
    return dt;
  };
  for (const prefix of prefixes(warmup)) await search(prefix);
  const ms = [];
  let spent = 0;
  for (let p = 0; p < passes; p++) {
    for (const [k, prefix] of keys.entries()) {
      if (spent > budgetMs) return { ms, skipped: (passes - p) * keys.length - k };
      ms.push(await search(prefix));
      spent += ms.at(-1);
    }
  }
  return { ms, skipped: 0 };
}

/** The ids every whole query matches. */
async function matches(queries) {
  const out = {};
  for (const q of queries) out[q] = await state.e.ids(state.ix, q);
  return out;
}

/** quotelens's extracted quotes as compact records (JSON text) for the other engines. */
function records() {
  const rows = JSON.parse(state.ix.source.exportQuotes('', [], [], [], [], 'json'));
  return JSON.stringify(rows.map((r) => ({ id: r.id, text: r.text, speaker: r.speaker ?? '', title: r.article_title })));
}

/** Parse + extract `rounds` times inside the wasm after one untimed round (the wasm tiers up from its
 * baseline compiler on hot code): {bytes, ms}. */
async function extract(textsUrl, rounds) {
  const mod = await import('../../www/pkg-full/quotelens.js');
  await mod.default({ module_or_path: new URL('../../www/pkg-full/quotelens_bg.wasm', import.meta.url) });
  const { texts } = await (await fetch(textsUrl)).json();
  const bytes = texts.reduce((s, t) => s + new TextEncoder().encode(t).length, 0) * rounds;
  mod.benchExtract(texts, 1);
  return { bytes, ms: mod.benchExtract(texts, rounds) };
}

window.bench = { build, type, matches, records, extract };
document.body.dataset.ready = 'true';
