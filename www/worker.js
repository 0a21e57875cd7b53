// The Web Worker running the full build of the Rust core (pkg-full/), so the page's thread never
// pauses to parse and the page's wasm ships only search and reading. It does two jobs:
// - parses the person's own articles: it holds the whole corpus (bundled + the person's) and
//   answers each change with a pack of the whole corpus for the page's Lens.loadPack;
// - answers the views the page's wasm leaves out (speaker page, comparison, citation, export)
//   from a Lens mirroring exactly what the page loaded: the bundled pack until the first change,
//   then each pack it hands the page.
//
// Requests: {id, op: 'add', files: [{name, bytes}]} → {id, added: [summary], errors: [message],
// pack}; {id, op: 'remove', ids: [id]} → {id, pack}; {id, op: 'view', name, args} → {id, value}
// or {id, error} ({name: 'warm'} only gets ready). On the way: {id, progress: {done, total, label}}. {id, fatal} when it cannot run.
import init, { Workbench, Lens } from './pkg-full/quotelens.js';

const ready = init({ module_or_path: new URL('./pkg-full/quotelens_bg.wasm', import.meta.url) });
// The bundled articles parsed here, made the first time a person adds or removes an article.
let workbench = null;

/** The views the page may ask for, by name: the mirror's method for each. */
const VIEWS = {
  speaker: (lens, [id]) => lens.speaker(id),
  compare: (lens, [id]) => lens.compare(id),
  citation: (lens, [id]) => lens.citation(id),
  export: (lens, [q, speaker, outlet, article, kind, format]) => lens.exportQuotes(q, speaker, outlet, article, kind, format),
};

let mirror = null; // a promise of the Lens over what the page has loaded

async function bundled() {
  const r = await fetch(new URL('./pkg/seeds.pack', import.meta.url));
  if (!r.ok) throw new Error(`HTTP ${r.status} for the bundled articles`);
  return Lens.fromPack(new Uint8Array(await r.arrayBuffer()));
}

/** The page's new pack: mirror it (before it is handed over, which empties this copy). */
function mirrorPack(pack) {
  mirror?.then((old) => old.free(), () => {});
  mirror = Promise.resolve(Lens.fromPack(pack));
}

self.onmessage = async (e) => {
  const { id, op } = e.data;
  const progress = (done, total, label) => self.postMessage({ id, progress: { done, total, label } });
  try {
    await ready;
    const bench = () => (workbench ??= new Workbench());
    if (op === 'add') {
      const { files } = e.data;
      const added = [];
      const errors = [];
      files.forEach((f, i) => {
        progress(i, files.length, `Parsing ${f.name} (${i + 1} of ${files.length})…`);
        try {
          added.push({ ...bench().add(f.name, f.bytes, (p) => progress(i + p, files.length, `Parsing ${f.name}: ${Math.round(p * 100)}%…`)), name: f.name });
        } catch (err) {
          errors.push(err?.message ?? String(err));
        }
      });
      progress(files.length, files.length, 'Comparing with the other articles…');
      const pack = bench().pack();
      mirrorPack(pack);
      self.postMessage({ id, added, errors, pack }, [pack.buffer]);
    } else if (op === 'remove') {
      for (const x of e.data.ids) bench().remove(x);
      const pack = bench().pack();
      mirrorPack(pack);
      self.postMessage({ id, pack }, [pack.buffer]);
    } else if (op === 'view' && (Object.hasOwn(VIEWS, e.data.name) || e.data.name === 'warm')) {
      if (!mirror) {
        const first = bundled();
        mirror = first;
        first.catch(() => { if (mirror === first) mirror = null; }); // fetched again next time
      }
      const lens = await mirror;
      if (e.data.name === 'warm') return self.postMessage({ id, value: true }); // ready for the next view
      let value;
      try {
        value = VIEWS[e.data.name](lens, e.data.args ?? []);
      } catch (err) {
        return self.postMessage({ id, error: err?.message ?? String(err) });
      }
      self.postMessage({ id, value });
    } else {
      self.postMessage({ id, fatal: `unknown request ${op}` });
    }
  } catch (err) {
    const what = op === 'view' ? 'The background worker failed' : 'The background parser failed';
    self.postMessage({ id, fatal: `${what}: ${err?.message ?? err}` });
  }
};
