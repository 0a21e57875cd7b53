// Side by side: one remark as reported by different articles, with a word-level diff against the
// first report (the core computes the diff; here it only becomes text nodes, <ins> and <del>).
import { h, link } from './dom.js';

export function renderCompare(c, { back }) {
  const reports = [c.quote, ...c.others];
  return h('article', { class: 'compare', 'aria-labelledby': 'compare-title' },
    h('p', {}, link(back, { class: 'back', 'data-back': '' }, '← All quotes')),
    h('h2', { id: 'compare-title', tabindex: '-1' }, `One remark, ${reports.length} reports`),
    h('p', { class: 'muted' }, 'Words only in one report are marked: ',
      h('del', {}, 'only in the first'), ' and ', h('ins', {}, 'only in this one'), '.'),
    h('div', { class: 'columns' }, reports.map((r, i) => h('section', { class: 'column', 'aria-label': `Report ${i + 1}` },
      h('h3', {}, r.article_title),
      h('p', { class: 'meta' }, `${r.outlet ?? 'outlet unknown'}${r.date ? ` · ${r.date}` : ''} · ${r.speaker ?? 'speaker not stated'}`),
      h('blockquote', { class: 'quote-text' }, i === 0 ? r.text : diff(r.diff)),
      i > 0 ? h('p', { class: 'muted' }, `Similarity ${Math.round(r.score * 100)}%`) : null,
      h('p', {}, link(`?article=${encodeURIComponent(r.article_id)}#quote=${encodeURIComponent(r.id)}`, {}, 'Open in article'))))));
}

function diff(ops) {
  return ops.map((o) => (o.op === 'same' ? o.text : o.op === 'added' ? h('ins', {}, o.text) : h('del', {}, o.text)));
}
