// The reader view: one article, its blocks as the core split them, every quote marked. Captions,
// credit lines and boilerplate are set apart and collapsed. The core sends pre-split segments, so
// nothing here counts characters.
import { h, link } from './dom.js';

const SET_APART = { caption: 'Photo caption', credit: 'Credit line', boilerplate: 'Site text' };

/** Render article `a` (from Lens.article). `selected` is a quote id to scroll to and emphasise. */
export function renderArticle(a, { selected = null, back = '?' } = {}) {
  const body = [];
  for (const b of a.blocks) {
    if (b.kind === 'title') continue;
    const para = h(b.kind === 'body' ? 'p' : 'p', { class: `block ${b.kind}` }, segments(b, selected));
    if (SET_APART[b.kind]) {
      body.push(h('details', { class: `set-apart ${b.kind}`, 'data-rule': b.reason },
        h('summary', {}, SET_APART[b.kind]), para));
    } else {
      body.push(para);
    }
  }
  const meta = [a.outlet ?? 'Outlet unknown', a.date ?? 'date unknown'].join(' · ');
  return h('article', { class: 'reader', 'aria-labelledby': 'reader-title', 'data-article': a.id },
    h('p', {}, link(back, { class: 'back' }, '← All articles')),
    h('h2', { id: 'reader-title' }, a.title, a.has_headline ? null : h('span', { class: 'untitled' }, ' (no headline in the text)')),
    h('p', { class: 'meta' }, meta, ' · ', h('span', { class: 'file' }, a.file)),
    body);
}

function segments(block, selected) {
  return block.segments.map((s) => {
    if (s.quote === undefined) return s.hit ? h('mark', {}, s.text) : s.text;
    const q = block.quotes[s.quote];
    const inner = s.hit ? h('mark', {}, s.text) : s.text;
    const who = q.speaker ? `${q.speaker} (${q.kind})` : `unattributed (${q.kind})`;
    return h('q', {
      class: `quote kind-${q.kind}${q.id === selected ? ' selected' : ''}`,
      'data-quote': q.id,
      'data-speaker': q.speaker_id ?? '',
      title: who,
    }, inner);
  });
}
