// A speaker page: roles seen, the articles they appear in, quotes per article and kind as a small
// chart (plain SVG elements, no chart library), and their quotes. Reachable by ?profile=ID.
import { h, link } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const KINDS = ['direct', 'partial', 'term'];

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export function renderProfile(p, { back, onOpen }) {
  return h('article', { class: 'profile', 'aria-labelledby': 'profile-title' },
    h('p', {}, link(back, { class: 'back', 'data-back': '' }, '← All quotes')),
    h('h2', { id: 'profile-title', tabindex: '-1' }, p.name),
    h('p', { class: 'meta' }, p.kind === 'organisation' ? 'Organisation' : 'Person',
      ` · ${p.total} ${p.total === 1 ? 'quote' : 'quotes'} in ${p.articles.length} ${p.articles.length === 1 ? 'article' : 'articles'}`),
    p.roles.length ? h('p', {}, h('strong', {}, 'Roles seen: '), p.roles.join('; ')) : null,
    p.aliases.length ? h('p', {}, h('strong', {}, 'Also called: '), p.aliases.join(', ')) : null,
    h('h3', {}, 'Quotes per article and kind'),
    chart(p),
    h('h3', {}, 'Quotes'),
    h('ol', { class: 'cards' }, p.quotes.map((q) => h('li', { class: 'card' },
      h('blockquote', { class: `quote-text kind-${q.kind}` }, q.text),
      h('p', { class: 'src' }, h('span', { class: `badge kind-${q.kind}` }, q.kind), ' ', q.article_title,
        h('span', { class: 'muted' }, ` · ${q.outlet ?? 'outlet unknown'}`)),
      h('div', { class: 'actions' }, h('a', {
        href: `?article=${encodeURIComponent(q.article_id)}#quote=${encodeURIComponent(q.id)}`,
        onclick: (e) => { e.preventDefault(); onOpen(q.id, q.article_id); },
      }, 'Open in article'))))));
}

/** Horizontal stacked bars: one row per article, one segment per kind, with text labels. */
function chart(p) {
  const rowH = 28;
  const labelW = 0;
  const width = 320;
  const max = Math.max(1, ...p.articles.map((a) => KINDS.reduce((s, k) => s + (a.counts[k] ?? 0), 0)));
  const height = p.articles.length * rowH * 2 + 24;
  const rows = p.articles.map((a, i) => {
    const y = i * rowH * 2;
    let x = labelW;
    const bars = KINDS.map((k) => {
      const n = a.counts[k] ?? 0;
      const w = (n / max) * (width - 40);
      const r = n ? svg('rect', { x, y: y + rowH, width: Math.max(w, 2), height: rowH - 8, class: `bar kind-${k}` }, svg('title', {}, `${n} ${k}`)) : null;
      x += w;
      return r;
    }).filter(Boolean);
    const total = KINDS.reduce((s, k) => s + (a.counts[k] ?? 0), 0);
    return svg('g', {}, svg('text', { x: 0, y: y + rowH - 8, class: 'chart-label' }, trim(a.title, 48)), ...bars,
      svg('text', { x: x + 6, y: y + rowH * 2 - 12, class: 'chart-count' }, String(total)));
  });
  const legend = svg('g', { transform: `translate(0 ${height - 10})` }, ...KINDS.flatMap((k, i) => [
    svg('rect', { x: i * 90, y: -10, width: 12, height: 12, class: `bar kind-${k}` }),
    svg('text', { x: i * 90 + 16, y: 0, class: 'chart-label' }, k)]));
  const desc = p.articles.map((a) => `${a.title}: ${KINDS.map((k) => `${a.counts[k] ?? 0} ${k}`).join(', ')}`).join('; ');
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': `Quotes per article and kind. ${desc}` }, ...rows, legend),
    h('figcaption', { class: 'visually-hidden' }, desc));
}

function trim(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
