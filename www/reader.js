// The reader view: one article, its blocks as the core split them, every quote marked and coloured
// by speaker (with a legend), search matches highlighted. Captions, credit lines and boilerplate are
// set apart and collapsed. The core sends pre-split segments, so nothing here counts characters.
import { h, link } from './dom.js';

const SET_APART = { caption: 'Photo caption', credit: 'Credit line', boilerplate: 'Site text' };
/** Distinct speaker colours (CSS classes sp-0 … sp-7); more speakers reuse them with a number. */
const PALETTE = 8;

/** Render article `a` (from Lens.article). `selected` is a quote id to emphasise. */
export function renderArticle(a, { selected = null, back = '?', backLabel = '← All quotes', onProfile } = {}) {
  const colours = speakerColours(a);
  const body = [];
  for (const b of a.blocks) {
    if (b.kind === 'title') continue;
    const para = h('p', { class: `block ${b.kind}` }, segmentNodes(b, selected, colours));
    if (SET_APART[b.kind]) {
      const hasSelected = b.quotes.some((q) => q.id === selected);
      body.push(h('details', { class: `set-apart ${b.kind}`, 'data-rule': b.reason, open: hasSelected },
        h('summary', {}, SET_APART[b.kind]), para));
    } else {
      body.push(para);
    }
  }
  const meta = [a.outlet ?? 'Outlet unknown', a.date ?? 'date unknown'].join(' · ');
  return h('article', { class: 'reader', 'aria-labelledby': 'reader-title', 'data-article': a.id },
    h('p', {}, link(back, { class: 'back', 'data-back': '' }, backLabel)),
    h('h2', { id: 'reader-title' }, a.title, a.has_headline ? null : h('span', { class: 'untitled' }, ' (no headline in the text)')),
    h('p', { class: 'meta' }, meta, ' · ', h('span', { class: 'file' }, a.file)),
    legend(colours, onProfile),
    body);
}

/** Speaker → colour class, in order of first quote; unattributed quotes share a neutral colour. */
function speakerColours(a) {
  const m = new Map();
  for (const b of a.blocks) {
    for (const q of b.quotes) {
      const key = q.speaker_id ?? '';
      if (!m.has(key)) m.set(key, { name: q.speaker, id: q.speaker_id, n: 0, cls: key ? `sp-${[...m.values()].filter((v) => v.id).length % PALETTE}` : 'sp-none' });
      m.get(key).n += 1;
    }
  }
  return m;
}

function legend(colours, onProfile) {
  if (!colours.size) return h('p', { class: 'muted' }, 'No quotations found in this article.');
  return h('div', { class: 'legend', role: 'group', 'aria-label': 'Speakers in this article' },
    h('h3', {}, 'Who is quoted'),
    h('ul', {}, [...colours.values()].map((c) => h('li', {},
      h('span', { class: `swatch ${c.cls}`, 'aria-hidden': 'true' }),
      c.id
        ? h('a', { href: `?profile=${encodeURIComponent(c.id)}`, onclick: onProfile ? (e) => { e.preventDefault(); onProfile(c.id); } : null }, c.name)
        : h('span', {}, 'Speaker not stated'),
      h('span', { class: 'muted' }, ` ${c.n}`)))));
}

function segmentNodes(block, selected, colours) {
  return block.segments.map((s) => {
    const inner = s.hit ? h('mark', {}, s.text) : s.text;
    if (s.quote === undefined) return inner;
    const q = block.quotes[s.quote];
    const c = colours.get(q.speaker_id ?? '');
    const who = q.speaker ? `${q.speaker} (${q.kind})` : `speaker not stated (${q.kind})`;
    return h('q', {
      class: `quote kind-${q.kind} ${c.cls}${q.id === selected ? ' selected' : ''}`,
      'data-quote': q.id,
      'data-speaker': q.speaker_id ?? '',
      title: who,
      tabindex: q.id === selected ? '-1' : null,
    }, inner);
  });
}
