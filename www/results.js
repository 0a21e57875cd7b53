// The result list: a count, quote cards with highlights, passages from the article text, and an
// empty state that suggests what to try. Cards are reachable with ↑/↓ (roving focus) and open in
// their article with Enter. Actions go up: onOpen(quoteId, articleId), onCite(quoteId), onMore(),
// onCompare(quoteId), onProfile(speakerId).
import { h, link, replace, count } from './dom.js';
import { segments } from './segments.js';

export function mountResults(root, actions) {
  const articles = h('section', { class: 'article-strip', 'aria-labelledby': 'articles-title' });
  const head = h('div', { class: 'results-head' });
  const list = h('ol', { class: 'cards', 'aria-label': 'Quotes' });
  const more = h('div', { class: 'more' });
  const passages = h('section', { class: 'passages', 'aria-label': 'Matches in the article text' });
  replace(root, articles, head, list, more, passages);

  list.addEventListener('keydown', (e) => {
    const card = e.target.closest?.('.card');
    if (!card) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const cards = [...list.querySelectorAll('.card')];
      const i = cards.indexOf(card) + (e.key === 'ArrowDown' ? 1 : -1);
      cards[Math.max(0, Math.min(cards.length - 1, i))]?.focus();
    } else if (e.key === 'Enter' && e.target === card) {
      e.preventDefault();
      actions.onOpen(card.dataset.quote, card.dataset.article);
    }
  });

  return {
    /** Focus the first card (↓ from the search box). */
    focusFirst() { list.querySelector('.card')?.focus(); },
    update(res, state, articleList) {
      const filtered = state.q || state.speaker.length || state.outlet.length || state.from.length || state.kind.length;
      replace(articles, filtered || !articleList ? null : [
        h('h2', { id: 'articles-title' }, `${articleList.length} articles`),
        h('ul', { class: 'articles' }, articleList.map((a) => h('li', { class: 'article-card', 'data-article': a.id },
          h('h3', {}, h('a', { href: `?article=${encodeURIComponent(a.id)}`, onclick: (e) => { e.preventDefault(); actions.onRead(a.id); } }, a.title)),
          h('p', { class: 'meta' }, [a.outlet ?? 'Outlet unknown', a.date ?? 'date unknown', `${a.quotes} quotes`].join(' · ')))))]);
      const n = res.total;
      const shown = res.hits.length;
      replace(head, h('h2', { id: 'results-title' }, count(n, 'quote', 'quotes'),
        shown < n ? h('span', { class: 'muted' }, ` (showing ${shown})`) : null),
        exportButtons(actions));
      replace(list, res.hits.map((hit) => card(hit, actions)));
      replace(more, shown < n ? h('button', { type: 'button', onclick: actions.onMore }, `Show ${Math.min(20, n - shown)} more`) : null);
      if (n === 0) replace(list, empty(state, res));
    },
    /** The matching paragraphs of the article text ({passage_total, passages}), asked for after
     * the quotes are on screen. */
    passages(res, state) {
      replace(passages, res.passages?.length
        ? [h('h2', {}, 'In the article text'),
          res.passage_total > res.passages.length
            ? h('p', { class: 'muted' }, `The best ${res.passages.length} of ${count(res.passage_total, 'paragraph', 'paragraphs')}`)
            : null,
          h('ul', {}, res.passages.map((p) => h('li', { class: 'passage' },
            h('p', {}, segments(p.segments)),
            h('p', { class: 'meta' }, link(`?article=${encodeURIComponent(p.article_id)}${state.q ? `&q=${encodeURIComponent(state.q)}` : ''}`, {}, p.article_title)))))]
        : null);
    },
  };
}

function exportButtons(actions) {
  return h('div', { class: 'export', role: 'group', 'aria-label': 'Export the filtered quotes' },
    h('button', { type: 'button', onclick: () => actions.onExport('csv') }, 'Export CSV'),
    h('button', { type: 'button', onclick: () => actions.onExport('json') }, 'Export JSON'));
}

function card(hit, actions) {
  const sp = hit.speaker;
  const who = sp
    ? [h('a', { href: `?profile=${encodeURIComponent(sp.id)}`, class: 'speaker', onclick: (e) => { e.preventDefault(); actions.onProfile(sp.id); } },
      segments(hit.speaker_segments ?? [{ text: sp.name }])),
    sp.role ? h('span', { class: 'role' }, `, ${sp.role}`) : null]
    : h('span', { class: 'speaker unknown' }, 'Speaker not stated');
  const open = `?article=${encodeURIComponent(hit.article_id)}#quote=${encodeURIComponent(hit.id)}`;
  return h('li', { class: 'card', tabindex: '-1', 'data-quote': hit.id, 'data-article': hit.article_id, 'aria-labelledby': `t-${hit.id}` },
    h('blockquote', { class: `quote-text kind-${hit.kind}`, id: `t-${hit.id}` }, segments(hit.segments)),
    h('p', { class: 'who' }, who, hit.cue ? h('span', { class: 'cue' }, ` · “${hit.cue}”`) : null),
    h('p', { class: 'src' },
      h('span', { class: `badge kind-${hit.kind}`, title: KIND_HELP[hit.kind] }, hit.kind),
      ' ', h('span', { class: 'article-title' }, hit.article_title),
      h('span', { class: 'muted' }, ` · ${hit.outlet ?? 'outlet unknown'}${hit.date ? ` · ${hit.date}` : ''}`)),
    h('div', { class: 'actions' },
      h('a', { href: open, class: 'open', onclick: (e) => { e.preventDefault(); actions.onOpen(hit.id, hit.article_id); } }, 'Open in article'),
      h('button', { type: 'button', class: 'cite', onclick: (e) => actions.onCite(hit.id, e.currentTarget) }, 'Copy with citation'),
      hit.same_as > 0
        ? h('a', { href: `?compare=${encodeURIComponent(hit.id)}`, class: 'also', onclick: (e) => { e.preventDefault(); actions.onCompare(hit.id); } },
          `Also reported by ${hit.same_as} other ${hit.same_as === 1 ? 'outlet' : 'outlets'}`)
        : null));
}

const KIND_HELP = {
  direct: 'A statement set off by its own punctuation',
  partial: 'A fragment woven into the reporter’s sentence',
  term: 'A quoted word or name',
};

function empty(state, res) {
  const tips = [];
  if (state.speaker.length || state.outlet.length || state.from.length || state.kind.length) tips.push('remove a filter on the left, or use “Clear all”');
  if (state.q.includes('"') || state.q.includes('“')) tips.push('drop the quote marks to match the words in any order');
  if (state.q.trim().split(/\s+/).length > 1) tips.push('use fewer words, or join alternatives with OR');
  tips.push('try a speaker’s name, such as wang or blinken, or a topic such as sovereignty');
  return h('li', { class: 'empty' },
    h('p', {}, state.q ? `No quote matches “${state.q}”.` : 'No quote matches these filters.'),
    h('p', {}, 'Try to: '), h('ul', {}, tips.map((t) => h('li', {}, t))),
    res.hints?.length ? h('p', { class: 'muted' }, 'See the notes under the search box.') : null);
}
