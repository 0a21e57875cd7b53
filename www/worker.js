// The Web Worker that parses the person's own articles, so the page's thread never pauses and the
// page's wasm ships no extractor. It runs the full build of the same Rust core (pkg-full/), holds
// the whole corpus (bundled + the person's articles), and answers each request with a pack of the
// whole corpus for the page's Lens.loadPack.
//
// Requests: {id, op: 'add', files: [{name, bytes}]} → {id, added: [summary], errors: [message],
// pack}; {id, op: 'remove', ids: [id]} → {id, pack}. On the way: {id, progress: {done, total, label}}.
import init, { Workbench } from './pkg-full/quotelens.js';

const ready = init({ module_or_path: new URL('./pkg-full/quotelens_bg.wasm', import.meta.url) }).then(() => new Workbench());

self.onmessage = async (e) => {
  const { id, op } = e.data;
  const progress = (done, total, label) => self.postMessage({ id, progress: { done, total, label } });
  try {
    const bench = await ready;
    if (op === 'add') {
      const { files } = e.data;
      const added = [];
      const errors = [];
      files.forEach((f, i) => {
        progress(i, files.length, `Parsing ${f.name} (${i + 1} of ${files.length})…`);
        try {
          added.push({ ...bench.add(f.name, f.bytes, (p) => progress(i + p, files.length, `Parsing ${f.name}: ${Math.round(p * 100)}%…`)), name: f.name });
        } catch (err) {
          errors.push(err?.message ?? String(err));
        }
      });
      progress(files.length, files.length, 'Comparing with the other articles…');
      const pack = bench.pack();
      self.postMessage({ id, added, errors, pack }, [pack.buffer]);
    } else if (op === 'remove') {
      for (const x of e.data.ids) bench.remove(x);
      const pack = bench.pack();
      self.postMessage({ id, pack }, [pack.buffer]);
    } else {
      self.postMessage({ id, fatal: `unknown request ${op}` });
    }
  } catch (err) {
    self.postMessage({ id, fatal: `The background parser failed: ${err?.message ?? err}` });
  }
};
