// The facet panel: speaker, outlet and kind, each a group of checkboxes with live counts for the
// current query. Any-of within a facet, all-of across facets (the core computes the counts).
// Actions go up as onToggle(facet, value, on) and onClear().
import { h, replace } from './dom.js';

const TITLES = { speaker: 'Speaker', kind: 'Kind', outlet: 'Outlet', from: 'Article' };
/** Values shown per facet before "Show all". */
const SHOW = 8;

export function mountFacets(root, { onToggle, onClear }) {
  const expanded = new Set();
  const panel = h('div', { class: 'facets-inner' });
  replace(root, panel);
  let last = null;
  function update(facets, state) {
    last = { facets, state };
    const groups = Object.keys(TITLES).map((name) => {
      const values = facets?.[name === 'from' ? 'article' : name] ?? [];
      const shown = expanded.has(name) ? values : values.slice(0, Math.max(SHOW, values.filter((v) => v.selected).length));
      const rest = values.length - shown.length;
      return h('fieldset', { class: 'facet', 'data-facet': name },
        h('legend', {}, TITLES[name]),
        values.length === 0 ? h('p', { class: 'muted' }, 'None') : null,
        h('ul', {}, shown.map((v) => {
          const id = `f-${name}-${v.value}`;
          return h('li', {},
            h('input', {
              type: 'checkbox', id, checked: v.selected, 'data-value': v.value,
              disabled: v.count === 0 && !v.selected,
              onchange: (e) => onToggle(name, v.value, e.target.checked),
            }),
            h('label', { for: id }, h('span', { class: 'facet-label' }, v.label), ' ',
              h('span', { class: 'count', 'aria-label': `${v.count} quotes` }, String(v.count))));
        })),
        rest > 0 || expanded.has(name) && values.length > SHOW
          ? h('button', { type: 'button', class: 'linkish', onclick: () => { toggle(expanded, name); update(last.facets, last.state); } },
            expanded.has(name) ? 'Show fewer' : `Show all ${values.length}`)
          : null);
    });
    const active = ['speaker', 'outlet', 'from', 'kind'].some((k) => state[k].length) || state.q;
    replace(panel,
      h('div', { class: 'facets-head' }, h('h2', {}, 'Filter'),
        h('button', { type: 'button', class: 'clear', disabled: !active, onclick: onClear }, 'Clear all')),
      groups);
  }
  return { update };
}

function toggle(set, v) {
  if (set.has(v)) set.delete(v); else set.add(v);
}
