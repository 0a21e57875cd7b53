// A Web Worker with its own instance of the wasm core, for files too large to check and parse on
// the page's thread without a pause. It receives {id, name, bytes} and answers {id, error} or
// {id, ok}, posting {id, progress: 0..1} on the way.
import init, { checkArticle } from './pkg/quotelens.js';

const ready = init({ module_or_path: new URL('./pkg/quotelens_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  const { id, name, bytes } = e.data;
  try {
    await ready;
    const error = checkArticle(name, bytes, (p) => self.postMessage({ id, progress: p }));
    self.postMessage(error ? { id, error } : { id, ok: true });
  } catch (err) {
    self.postMessage({ id, error: `“${name}” could not be read: ${err?.message ?? err}` });
  }
};
