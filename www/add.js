// "Your articles": paste text or drop .txt files; the same Rust core parses them in a Web Worker
// (worker.js, with progress), they join search, facets and alignment, persist in IndexedDB and
// never leave the browser. Every refusal says which file and why; nothing already
// here is lost.
import { h, link, replace } from './dom.js';

/** Most files taken in one drop or selection. */
export const MAX_FILES = 100;
/** Largest file read, in bytes (the core refuses larger ones too; this saves reading them). */
export const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Render the view. `api` = { list(): local articles, add(files: [{name, bytes}], progress) →
 * Promise<{added: [], errors: []}>, remove(id) → Promise, back }.
 */
export function renderAdd(api) {
  const messages = h('div', { class: 'add-messages', role: 'status', 'aria-live': 'polite' });
  const progress = h('progress', { max: '1', value: '0', hidden: true, 'aria-label': 'Adding articles' });
  const list = h('div', { class: 'mine' });

  const show = (result) => {
    replace(messages,
      result.added.length ? h('p', { class: 'ok' }, `Added ${result.added.length} ${result.added.length === 1 ? 'article' : 'articles'}: `,
        result.added.map((a, i) => [i ? ', ' : '', link(`?article=${encodeURIComponent(a.id)}`, {}, a.title)])) : null,
      result.errors.length ? h('ul', { class: 'errors' }, result.errors.map((e) => h('li', {}, e))) : null);
    renderList();
  };

  const run = async (files) => {
    if (files.length > MAX_FILES) {
      return show({ added: [], errors: [`You chose ${files.length} files; quotelens takes at most ${MAX_FILES} at a time. Nothing was added: add them in smaller batches.`] });
    }
    show(await runCollect(files));
  };

  const readFiles = async (fileList) => {
    const files = [...fileList];
    if (files.length > MAX_FILES) return run(files);
    const read = [];
    const errors = [];
    for (const f of files) {
      if (f.size > MAX_BYTES) {
        errors.push(`“${f.name}” is ${(f.size / 1048576).toFixed(1)} MB; quotelens reads articles up to ${MAX_BYTES / 1048576} MB. Split it into smaller files.`);
        continue;
      }
      try {
        read.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
      } catch {
        errors.push(`“${f.name}” could not be read.`);
      }
    }
    const result = read.length ? await runCollect(read) : { added: [], errors: [] };
    show({ added: result.added, errors: [...errors, ...result.errors] });
  };
  const runCollect = async (files) => {
    progress.hidden = false;
    try {
      return await api.add(files, (done, total, label) => {
        progress.max = String(total);
        progress.value = String(done);
        replace(messages, h('p', {}, label));
      });
    } finally {
      progress.hidden = true;
    }
  };

  const input = h('input', { type: 'file', id: 'add-files', accept: '.txt,text/plain', multiple: true,
    onchange: (e) => { readFiles(e.target.files); e.target.value = ''; } });
  const drop = h('div', { class: 'drop', id: 'drop', tabindex: '-1' },
    h('p', {}, 'Drop .txt files here, or '), h('label', { for: 'add-files', class: 'file-label' }, 'choose files'), input);
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    readFiles(e.dataTransfer?.files ?? []);
  });

  const pasteName = h('input', { id: 'paste-name', type: 'text', placeholder: 'e.g. Reuters, 8 March 2022', autocomplete: 'off' });
  const paste = h('textarea', { id: 'paste', rows: '8', placeholder: 'Paste the text of a news article…' });
  const pasteForm = h('form', { class: 'paste', onsubmit: (e) => {
    e.preventDefault();
    const name = pasteName.value.trim() || `Pasted text, ${new Date().toLocaleString('en-GB')}`;
    run([{ name, bytes: new TextEncoder().encode(paste.value) }]).then(() => {
      if (!messages.querySelector('.errors')) { paste.value = ''; pasteName.value = ''; }
    });
  } },
  h('label', { for: 'paste' }, 'Paste an article'), paste,
  h('label', { for: 'paste-name' }, 'Name (optional)'), pasteName,
  h('button', { type: 'submit' }, 'Add pasted text'));

  function renderList() {
    const mine = api.list();
    replace(list, h('h3', {}, `In this browser (${mine.length})`),
      mine.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : h('ul', {}, mine.map((a) => h('li', { 'data-article': a.id },
        link(`?article=${encodeURIComponent(a.id)}`, {}, a.title), h('span', { class: 'muted' }, ` · ${a.file} · ${a.quotes} quotes `),
        h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${a.title}`, onclick: async () => {
          await api.remove(a.id).catch((e) => replace(messages, h('p', { class: 'errors' }, e.message)));
          renderList();
        } }, 'Remove')))));
  }
  renderList();

  return h('section', { class: 'add', 'aria-labelledby': 'add-title' },
    h('p', {}, link(api.back, { class: 'back', 'data-back': '' }, '← All quotes')),
    h('h2', { id: 'add-title', tabindex: '-1' }, 'Your articles'),
    h('p', {}, 'Add news articles as plain text. quotelens finds their quotes and speakers right here; they join the search, the filters and the cross-outlet comparison, are saved in this browser only, and never leave it.'),
    drop, progress, messages, pasteForm, list);
}
