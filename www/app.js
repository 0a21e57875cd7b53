// Boot and control: load the wasm core, read the state from the URL, render the view it describes,
// and turn actions (typing, filter clicks, opening a quote) into new states. The URL is the state
// (see state.js). Typing replaces the current history entry; a settled search (Enter, a pause, a
// filter click) pushes a new one, so Back returns to the previous search, not the previous keystroke.
// The page loads its bundle (app.bundle.js) as a classic script at the end of <body>, run before
// the first frame so that a plain link's first view is in it; boot.js, started on its own by
// index.html, is reached by a dynamic import (the same module instance).
const bootModule = import('./boot.js');
bootModule.catch(() => {}); // boot() reports a failed load
const firstViewDone = () => bootModule.then((b) => b.firstViewDone(), () => {});
import FIRST_VIEW from './first-view.js';
import { h, replace, count } from './dom.js';
import { readState, writeState, emptyState } from './state.js';
import { mountSearch } from './search.js';
import { mountFacets } from './facets.js';
import { mountResults } from './results.js';
import { renderArticle } from './reader.js';
import { searcher, lines, PAGE } from './hits.js';
// Views and helpers not needed for the first paint load on first use.
const lazy = {
  profile: () => import('./profile.js'),
  compare: () => import('./compare.js'),
  add: () => import('./add.js'),
  store: () => import('./store.js'),
  clipboard: () => import('./clipboard.js'),
};

/** The state fields of the views that replace the explorer (reader, speaker page, …). */
const CLOSED = { article: null, profile: null, compare: null, mine: null, quote: null };
const isSide = (st) => Boolean(st.article || st.profile || st.compare || st.mine);

/** Milliseconds of no typing after which a search counts as settled (pushed to history, announced). */
const SETTLE_MS = 700;
const PASSAGES = 5; // matching paragraphs shown under the quotes

const $ = (id) => document.getElementById(id);
const status = $('status');
const banner = $('banner');
const notices = $('notices');

/** Show a visible, readable error with a reload button; keep whatever is on screen. */
function showError(title, detail) {
  replace(banner, h('strong', {}, title), ' ', detail ?? '',
    ' ', h('button', { type: 'button', onclick: () => location.reload() }, 'Reload'));
  banner.hidden = false;
}

let lens;
// Searches through `lens`, keeping what does not change between keystrokes (see hits.js).
let quotes;
let state = emptyState();
let limit = PAGE;
let settleTimer = 0;
let allFacets = false;
let searchBox, facets, results;

async function boot() {
  performance.mark('app');
  mountViews();
  // A plain link's first view, answered ahead of time (tools/first-view.mjs), is painted at once;
  // the core renders it again below, once ready, and answers everything from then on.
  const early = !location.search && !location.hash && validView(FIRST_VIEW) && paintFirstView(FIRST_VIEW);
  if (!early) firstViewDone();
  try {
    // Started by boot.js while this module graph was still downloading.
    const { lens: lensReady, onPanic } = await bootModule;
    lens = await lensReady;
    onPanic(() => {
      showError('Something went wrong inside quotelens.', 'The page stopped to protect your view; reloading starts it again. Details are in the browser console.');
      document.body.dataset.crashed = 'true';
    });
    quotes = searcher(lens);
  } catch (e) {
    status.textContent = '';
    if (e?.pack) showError('The bundled articles could not load.', `(${e.message}) Check your connection and reload; if it persists, this copy of quotelens is incomplete.`);
    else showError('The quote engine could not load.', `(${e?.message ?? e}) Check your connection and reload; if it persists, this browser may not support WebAssembly.`);
    return;
  }
  articleList = JSON.parse(lens.articles());
  $('copy-link').addEventListener('click', (e) => copyLink(e.currentTarget));
  $('mine-link').addEventListener('click', (e) => { e.preventDefault(); go({ ...state, ...CLOSED, mine: '1' }, 'push'); });
  addEventListener('popstate', () => load('pop'));
  document.addEventListener('keydown', keys);
  warmOnIntent();
  // The person's own articles come back from IndexedDB; a link that names one waits for them,
  // anything else paints the bundled quotes first and opens the store after that frame.
  const namesLocal = /[?&](article|from|compare)=u/.test(location.search) || /quote=u/.test(location.hash);
  const restoring = namesLocal ? restoreLocal() : afterThisFrame().then(restoreLocal);
  if (namesLocal) await restoring;
  load('boot');
  // The core indexed the quotes alone to paint them sooner (enough for a blank query); the
  // paragraphs are indexed once they are on screen, before the first keystroke needs them.
  afterThisFrame().then(() => lens.completeIndex());
  restoring.then((n) => { if (n) render(); });
  document.body.dataset.ready = 'true';
  // For the benchmark: when the first quotes reach the screen (unless the first view did), and
  // when the core's own answer does.
  requestAnimationFrame(() => {
    if (!early) performance.mark('quotes-painted');
    performance.mark('core-painted');
  });
}

/** The search box, the facet panel and the result list: none of them needs the core to exist. */
function mountViews() {
  searchBox = mountSearch($('search'), { onInput: typed, onSubmit: settle });
  facets = mountFacets($('facets'), {
    onToggle: toggleFacet,
    onClear: clearAll,
    // An expanded facet lists every value; a collapsed panel asks the core only for the top ones.
    onExpand: (any, { quiet = false } = {}) => { allFacets = any; if (!quiet) render({ announce: false }); },
  });
  results = mountResults($('results'), {
    onOpen: (quote, article) => go({ ...state, ...CLOSED, article, quote }, 'push'),
    onCite: cite,
    onMore: () => { limit += PAGE; render(); },
    onExport: exportQuotes,
    onCompare: (quote) => go({ ...state, ...CLOSED, compare: quote }, 'push'),
    onProfile: openProfile,
    onRead: (article) => go({ ...state, ...CLOSED, article }, 'push'),
  });
}

/** Is `view` a first view this page can paint (tools/first-view.mjs's format 1)? */
function validView(view) {
  return view?.format === 1 && Array.isArray(view.results?.hits) && Array.isArray(view.articles);
}

/** Paint the first view answered ahead of time for the empty state; false if it could not be. */
function paintFirstView(view) {
  const empty = emptyState();
  try {
    searchBox.update(empty, []);
    facets.update(view.results.facets, empty);
    results.update(view.results, empty, view.articles);
  } catch (e) {
    console.error('quotelens: the first view could not be shown; waiting for the core', e);
    return false;
  }
  status.textContent = count(view.results.total, 'quote', 'quotes');
  performance.mark('first-view-dom');
  // The core's wasm compiles once this frame is drawn (boot.js), or after 100 ms at the latest (a
  // tab opened in the background draws no frame until it is shown).
  requestAnimationFrame(() => { performance.mark('quotes-painted'); setTimeout(firstViewDone, 0); });
  setTimeout(firstViewDone, 100);
  return true;
}

/** Resolves once the current frame has been drawn. */
function afterThisFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Read the URL into the state and render it (on boot and on Back/Forward). */
function load(why) {
  bootEntry = null; // Back/Forward: the entry is another one by now
  const r = readState(location.search, location.hash);
  state = r.state;
  limit = PAGE;
  showNotices(r.notices);
  if (why === 'boot') {
    bootEntry = state;
    afterThisFrame().then(writeBootEntry);
  }
  render();
}

// The first view's history entry is marked settled and its URL rewritten in canonical form after
// its quotes are painted: a page's first history call takes ~8 ms in Chromium, on the path to the
// first paint. Every other history step writes it first, so Back still returns to it.
let bootEntry = null;
function writeBootEntry() {
  if (!bootEntry) return;
  history.replaceState({ settled: true }, '', writeState(bootEntry));
  bootEntry = null;
}

/** Move to a new state. mode: 'push' (a settled step), 'replace' (typing), 'typing-start'. */
function go(next, mode) {
  writeBootEntry();
  const url = writeState(next);
  state = next;
  if (mode === 'push') history.pushState({ settled: true }, '', url);
  else history.replaceState({ settled: mode !== 'typing' }, '', url);
  render();
}

function typed(q) {
  writeBootEntry();
  limit = PAGE;
  const next = { ...state, q, quote: null };
  const url = writeState(next);
  state = next;
  // The first keystroke after a settled search starts a new entry; the rest replace it.
  if (history.state?.settled) history.pushState({ settled: false }, '', url);
  else history.replaceState({ settled: false }, '', url);
  render({ announce: false });
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => settle(q), SETTLE_MS);
}

function settle(q) {
  clearTimeout(settleTimer);
  if (q !== state.q) return; // a stale timer for an older query
  writeBootEntry();
  history.replaceState({ settled: true }, '', writeState(state));
  announce();
}

function toggleFacet(facet, value, on) {
  const values = state[facet].filter((v) => v !== value);
  if (on) values.push(value);
  limit = PAGE;
  go({ ...state, [facet]: values, quote: null }, 'push');
  announce();
}

function clearAll() {
  limit = PAGE;
  go({ ...emptyState() }, 'push');
  searchBox.input.focus();
  announce();
}

function openProfile(id) {
  go({ ...state, ...CLOSED, profile: id }, 'push');
}

/** The arguments of Lens.search / Lens.exportQuotes for the current state. */
/** Add the person's stored articles back after a reload (parsed in the worker). */
async function restoreLocal() {
  let saved;
  try {
    saved = await (await lazy.store()).loadAll();
  } catch (e) {
    storageProblem = e.message;
    return 0;
  }
  if (!saved.length) return 0;
  const r = await ask({ op: 'add', files: saved.map((a) => ({ name: a.name, bytes: a.bytes })) });
  if (r.fatal) { showNotices([`Your saved articles could not be restored: ${r.fatal}`], { append: true }); return 0; }
  loadPack(r.pack);
  if (r.errors.length) showNotices(r.errors.map((p) => `A saved article could not be restored: ${p}`), { append: true });
  return saved.length;
}

let storageProblem = null;
let worker = null;
let asked = 0;

/** The worker's URL, as a Trusted Types script URL where the browser enforces them. */
function workerUrl() {
  const url = new URL('./worker.js', document.baseURI).href;
  if (!window.trustedTypes) return url;
  const policy = trustedTypes.createPolicy('quotelens-worker', {
    createScriptURL: (u) => { if (u !== url) throw new Error('only our own worker'); return u; },
  });
  return policy.createScriptURL(url);
}

const pending = new Map(); // request id → {resolve, onProgress}

/** Send a request to the worker; resolves with its answer ({fatal} if it cannot run). */
function ask(request, onProgress = () => {}) {
  if (!worker) {
    try {
      worker = new Worker(workerUrl(), { type: 'module' });
    } catch (e) {
      return Promise.resolve({ fatal: `the background parser could not start (${e.message})` });
    }
    worker.onmessage = (e) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      if (e.data.progress) return p.onProgress(e.data.progress);
      pending.delete(e.data.id);
      p.resolve(e.data);
    };
    worker.onerror = (e) => {
      const fatal = `the background parser failed (${e.message ?? 'error'})`;
      for (const p of pending.values()) p.resolve({ fatal });
      pending.clear();
    };
  }
  const id = ++asked;
  return new Promise((resolve) => {
    pending.set(id, { resolve, onProgress });
    worker.postMessage({ ...request, id });
  });
}

/** What asks the worker for a view; pointing at or focusing one starts the worker early. */
const WORKER_VIEWS = 'a[href^="?profile="], a[href^="?compare="], button.cite, .export button';

function warmOnIntent() {
  const warm = (e) => {
    if (!e.target.closest?.(WORKER_VIEWS)) return;
    document.removeEventListener('pointerover', warm);
    document.removeEventListener('focusin', warm);
    ask({ op: 'view', name: 'warm' });
  };
  document.addEventListener('pointerover', warm);
  document.addEventListener('focusin', warm);
}

/** A view that only the worker's full build makes (speaker page, comparison, citation, export). */
async function inWorker(name, ...args) {
  const r = await ask({ op: 'view', name, args });
  if (r.fatal || r.error !== undefined) throw new Error(r.fatal ?? r.error);
  return r.value;
}

/** Replace the corpus with the worker's pack and re-read the article list. */
function loadPack(pack) {
  lens.loadPack(pack);
  articleList = JSON.parse(lens.articles());
}

/** Add files ([{name, bytes}]) through the worker, then to the store; returns {added, errors}. */
async function addFiles(files, progress) {
  const r = await ask({ op: 'add', files: files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })) },
    (p) => progress(p.done, p.total, p.label));
  if (r.fatal) return { added: [], errors: [r.fatal] };
  try {
    loadPack(r.pack);
  } catch (e) {
    return { added: [], errors: [e.message ?? String(e)] };
  }
  const errors = [...r.errors];
  for (const [i, a] of r.added.entries()) {
    const f = files.find((x) => x.name === a.name);
    try {
      await (await lazy.store()).save({ id: a.id, name: a.name, bytes: f.bytes, added: Date.now() + i });
    } catch (e) {
      errors.push(`${a.name}: ${e.message}`);
    }
  }
  if (storageProblem && r.added.length) errors.push(storageProblem);
  progress(files.length, files.length, 'Done.');
  return { added: r.added, errors };
}

async function removeLocal(id) {
  const r = await ask({ op: 'remove', ids: [id] });
  if (r.fatal) throw new Error(r.fatal);
  loadPack(r.pack);
  await (await lazy.store()).remove(id);
}

/** The arguments of Lens.search / Lens.exportQuotes for the current state. */
function request() {
  return [state.q, state.speaker, state.outlet, state.from, state.kind];
}

let lastResults = null;
let articleList = null;

/** Render the view the state describes. Idempotent. */
function render({ announce: say = true } = {}) {
  // Before the core is ready (only the first view is on screen): boot renders once it is, from
  // the URL, which every step taken meanwhile has written.
  if (!quotes) return;
  sideJob++;
  const view = $('view');
  const explorer = $('explorer');
  let res;
  try {
    res = quotes.search(...request(), limit, allFacets);
  } catch (e) {
    showNotices([`Search failed: ${e?.message ?? e}`]);
    return;
  }
  lastResults = res;
  searchBox.update(state, res.hints);
  if (isSide(state)) {
    explorer.hidden = true;
    view.hidden = false;
    renderSide(view);
  } else {
    view.hidden = true;
    replace(view);
    explorer.hidden = false;
    facets.update(res.facets, state);
    results.update(res, state, articleList);
    if (say) announce();
    passagesLater();
  }
}

// The matching paragraphs of the article text come after the quotes are on screen: a frame, then
// a task, and only if no newer render has asked for them meanwhile (typing drops stale ones).
let passageJob = 0;
function passagesLater() {
  const job = ++passageJob;
  afterThisFrame().then(() => {
    if (job !== passageJob || isSide(state)) return;
    let p;
    try {
      const [q, ...selected] = request();
      p = JSON.parse(lens.passages(q, ...selected.map(lines), PASSAGES));
    } catch (e) {
      p = { passage_total: 0, passages: [] };
      showNotices([`Search in the article text failed: ${e?.message ?? e}`]);
    }
    results.passages(p, state);
  });
}

/** What a side view shows while the worker makes it (the first time, the worker starts). */
function loading(view, what) {
  if (!view.querySelector('.loading')) replace(view, h('p', { class: 'loading' }, what));
  status.textContent = what;
}

function backUrl() {
  return writeState({ ...state, ...CLOSED });
}

let sideJob = 0; // bumped by every render: a side view that waited on the worker checks it

async function renderSide(view) {
  const job = sideJob;
  const back = backUrl();
  const backTo = (e) => { e.preventDefault(); go({ ...state, ...CLOSED }, 'push'); };
  try {
    if (state.article) {
      const a = JSON.parse(lens.article(state.article, state.q));
      replace(view, renderArticle(a, { selected: state.quote, back, onProfile: openProfile }));
      status.textContent = `Reading: ${a.title}`;
      if (state.quote) {
        const sel = view.querySelector(`q.selected[data-quote="${CSS.escape(state.quote)}"]`);
        if (sel) { sel.scrollIntoView({ block: 'center' }); sel.focus({ preventScroll: true }); }
        else showNotices(['That quote is not in this article in this copy; showing the article.'], { append: true });
      } else {
        view.querySelector('h2')?.setAttribute('tabindex', '-1');
        view.querySelector('h2')?.focus();
      }
    } else if (state.profile) {
      loading(view, 'Opening the speaker page…');
      const [p, { renderProfile }] = await Promise.all([inWorker('speaker', state.profile), lazy.profile()]);
      if (job !== sideJob) return; // the person moved on meanwhile
      replace(view, renderProfile(p, { back, onOpen: (quote, article) => go({ ...state, ...CLOSED, article, quote }, 'push') }));
      status.textContent = `Speaker: ${p.name}`;
      view.querySelector('h2')?.focus();
    } else if (state.mine) {
      const { renderAdd } = await lazy.add();
      if (job !== sideJob) return;
      replace(view, renderAdd({ list: () => articleList.filter((a) => a.local), add: addFiles, remove: removeLocal, back }));
      status.textContent = 'Your articles';
      view.querySelector('h2')?.focus();
    } else if (state.compare) {
      loading(view, 'Opening the comparison…');
      const [c, { renderCompare }] = await Promise.all([inWorker('compare', state.compare), lazy.compare()]);
      if (job !== sideJob) return;
      replace(view, renderCompare(c, { back }));
      status.textContent = `Comparing ${c.others.length + 1} reports of one remark`;
      view.querySelector('h2')?.focus();
    }
    view.querySelector('[data-back]')?.addEventListener('click', backTo);
  } catch (e) {
    if (job !== sideJob) return;
    // An id that is not in this copy (a local-only article, a stale link): say so, show the list.
    showNotices([e?.message ?? String(e)], { append: true });
    state = { ...state, ...CLOSED };
    writeBootEntry();
    history.replaceState({ settled: true }, '', writeState(state));
    render();
  }
}

function announce() {
  if (!lastResults || isSide(state)) return;
  const n = lastResults.total;
  status.textContent = `${count(n, 'quote', 'quotes')}${state.q ? ` for “${state.q}”` : ''}`;
}

let noticeList = [];

/** Show short notices above the page; `append` keeps the ones already shown. */
function showNotices(list, { append = false } = {}) {
  noticeList = append ? [...noticeList, ...list] : list;
  list = noticeList;
  replace(notices, list.length ? h('ul', {}, list.map((n) => h('li', {}, n))) : null,
    list.length ? h('button', { type: 'button', class: 'linkish', onclick: () => showNotices([]) }, 'Dismiss') : null);
  notices.hidden = list.length === 0;
}

async function copyLink(button) {
  const ok = await (await lazy.clipboard()).copyText(location.href);
  flash(button, ok ? 'Link copied' : 'Copy failed: select the address bar');
}

async function cite(id, button) {
  let text;
  try { text = await inWorker('citation', id); } catch (e) { return flash(button, e?.message ?? 'No citation'); }
  const ok = await (await lazy.clipboard()).copyText(text);
  flash(button, ok ? 'Copied with citation' : 'Copy failed');
}

async function exportQuotes(format) {
  let text;
  try {
    text = await inWorker('export', ...request(), format);
  } catch (e) {
    return showNotices([`The export failed: ${e?.message ?? e}`], { append: true });
  }
  (await lazy.clipboard()).download(`quotelens-${new Date().toISOString().slice(0, 10)}.${format}`, text,
    format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
}

/** Temporary visible confirmation on a button, announced to screen readers. */
function flash(button, message) {
  const old = button.dataset.label ?? button.textContent;
  button.dataset.label = old;
  button.textContent = message;
  status.textContent = message;
  setTimeout(() => { button.textContent = old; }, 2000);
}

function keys(e) {
  const typing = e.target.closest?.('input, textarea, select, [contenteditable]');
  if (e.key === '/' && !typing) {
    e.preventDefault();
    if (isSide(state)) go({ ...state, ...CLOSED }, 'push');
    searchBox.input.focus();
    searchBox.input.select();
  } else if (e.key === 'Escape') {
    if (searchBox.helpOpen()) return searchBox.closeHelp();
    if (isSide(state)) {
      e.preventDefault();
      const from = state.quote;
      go({ ...state, ...CLOSED }, 'push');
      const card = from && document.querySelector(`.card[data-quote="${CSS.escape(from)}"]`);
      (card ?? searchBox.input).focus();
    }
  } else if (e.key === 'ArrowDown' && e.target === searchBox.input) {
    e.preventDefault();
    results.focusFirst();
  }
}

boot();
