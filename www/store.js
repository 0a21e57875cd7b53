// The person's own articles, kept in IndexedDB in their browser only. Every failure (storage
// blocked, full, unavailable) rejects with an Error whose message says what it means for them.
const DB = 'quotelens';
const STORE = 'articles';

let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    let req;
    try {
      req = indexedDB.open(DB, 1);
    } catch {
      return reject(new Error('This browser does not let quotelens store articles (storage is blocked or unavailable); added articles last until you reload.'));
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`Your articles cannot be saved in this browser (${req.error?.name ?? 'storage error'}); added articles last until you reload.`));
    req.onblocked = () => reject(new Error('Another quotelens tab is upgrading its storage; close other quotelens tabs and reload.'));
  });
  opening.catch(() => { opening = null; });
  return opening;
}

/** What a storage failure means for the person. */
function explain(e) {
  return new Error(e?.name === 'QuotaExceededError'
    ? 'Your browser’s storage is full: the article is here until you reload, but could not be saved. Remove some of your articles or free space.'
    : `Your articles could not be saved (${e?.name ?? 'storage error'}).`);
}

function tx(mode, fn) {
  return open().then((db) => new Promise((resolve, reject) => {
    let t, result;
    try {
      t = db.transaction(STORE, mode);
      result = fn(t.objectStore(STORE));
    } catch (e) {
      return reject(explain(e));
    }
    t.oncomplete = () => resolve(result.result ?? result);
    t.onabort = t.onerror = () => reject(explain(t.error));
  }));
}

/** Every stored article: [{id, name, bytes, added}], oldest first. */
export async function loadAll() {
  const all = await tx('readonly', (s) => s.getAll());
  return all.sort((a, b) => a.added - b.added);
}

/** Store one article (bytes as added). */
export function save(article) {
  return tx('readwrite', (s) => s.put(article));
}

/** Forget one article. */
export function remove(id) {
  return tx('readwrite', (s) => s.delete(id));
}
