// Boot: load the wasm core, then render the view the URL describes. The URL is the state:
// `?article=ID` opens an article, `#quote=ID` selects a quote in it.
import init, { Lens, setPanicHandler } from './pkg/quotelens.js';
import { h, link, replace } from './dom.js';
import { renderArticle } from './reader.js';

const app = document.getElementById('app');
const status = document.getElementById('status');
const banner = document.getElementById('banner');

/** Show a visible, readable error with a reload button; keep whatever is on screen. */
export function showError(title, detail) {
  replace(banner, h('strong', {}, title), ' ', detail ?? '',
    ' ', h('button', { type: 'button', onclick: () => location.reload() }, 'Reload'));
  banner.hidden = false;
  status.textContent = '';
}

let lens;

async function boot() {
  try {
    await init({ module_or_path: new URL('./pkg/quotelens_bg.wasm', import.meta.url) });
    setPanicHandler((msg) => {
      console.error(msg);
      showError('Something went wrong inside quotelens.', 'The page stopped to protect your view; reloading starts it again. Details are in the browser console.');
    });
    lens = new Lens();
  } catch (e) {
    showError('The quote engine could not load.', `(${e?.message ?? e}) Check your connection and reload; if it persists, this browser may not support WebAssembly.`);
    return;
  }
  document.body.dataset.ready = 'true';
  render();
  addEventListener('popstate', render);
  addEventListener('hashchange', render);
}

function render() {
  const params = new URLSearchParams(location.search);
  const id = params.get('article');
  const quote = new URLSearchParams(location.hash.slice(1)).get('quote');
  if (id) {
    let a;
    try {
      a = lens.article(id);
    } catch (e) {
      status.textContent = e.message ?? String(e);
      return renderList();
    }
    status.textContent = `Reading: ${a.title}`;
    replace(app, renderArticle(a, { selected: quote }));
    const sel = quote && app.querySelector(`[data-quote="${CSS.escape(quote)}"]`);
    if (sel) sel.scrollIntoView({ block: 'center' });
    return;
  }
  renderList();
}

function renderList() {
  const list = lens.articles();
  if (!new URLSearchParams(location.search).get('article')) status.textContent = `${list.length} articles`;
  replace(app, h('section', { 'aria-labelledby': 'articles-title' },
    h('h2', { id: 'articles-title' }, 'Articles'),
    h('ul', { class: 'articles' }, list.map((a) => h('li', { class: 'article-card', 'data-article': a.id },
      h('h3', {}, link(`?article=${encodeURIComponent(a.id)}`, {}, a.title)),
      h('p', { class: 'meta' }, [a.outlet ?? 'Outlet unknown', a.date ?? 'date unknown', `${a.quotes} quotes`].join(' · ')),
      a.has_headline ? h('p', { class: 'lede' }, a.lede) : null)))));
}

boot();
