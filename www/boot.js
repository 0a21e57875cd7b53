// The first thing the page runs: load the wasm core and the bundled articles while the rest of the
// page's modules are still downloading. index.html starts this module on its own (async), so its
// small graph (this file and the wasm glue) runs as soon as it arrives; app.js imports the same
// module instance and awaits `lens`. The wasm compiles from the stream as it downloads, except for a
// plain link, whose first view app.js paints first (see firstViewDone below).
import init, { Lens, setPanicHandler } from './pkg/quotelens.js';

performance.mark('boot');

/** The bundled articles' pack as bytes; a failed download rejects with what happened. */
async function fetchPack() {
  const r = await fetch(new URL('./pkg/seeds.pack', import.meta.url));
  if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status} for the bundled articles`), { pack: true });
  return new Uint8Array(await r.arrayBuffer());
}

let panicked = null;
let onPanicked = null;

/** Call `fn(message)` when the core panics (at once if it already has). */
export function onPanic(fn) {
  onPanicked = fn;
  if (panicked !== null) fn(panicked);
}

// For a plain link app.js paints a first view answered ahead of time (www/first-view.js). The wasm
// compiles on the main thread, which would hold that frame back, so the wasm is downloaded now and
// compiled once app.js says the frame is drawn (or that it has no such view to paint).
let firstViewSettled;
const firstViewPainted = new Promise((resolve) => { firstViewSettled = resolve; });
/** Called by app.js once its first view is on screen, or at once when it paints none. */
export const firstViewDone = () => firstViewSettled();

async function start() {
  const pack = fetchPack();
  pack.catch(() => {}); // handled where it is awaited, below
  const wasm = fetch(new URL('./pkg/quotelens_bg.wasm', import.meta.url));
  wasm.catch(() => {}); // init reports it
  if (!location.search && !location.hash) await firstViewPainted;
  await init({ module_or_path: wasm });
  performance.mark('wasm-ready');
  setPanicHandler((msg) => {
    console.error('quotelens core panic:', msg);
    panicked = msg;
    onPanicked?.(msg);
  });
  const lens = new Lens();
  lens.loadPack(await pack, true); // quotes first: app.js completes the index after the first paint
  performance.mark('lens-ready');
  return lens;
}

/** The lens over the bundled articles; rejects (with `pack: true` for the articles) if either fails. */
export const lens = start();
lens.catch(() => {}); // app.js reports it
