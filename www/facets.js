// The facet panel: speaker, outlet and kind, each a group of checkboxes with live counts for the
// current query. Any-of within a facet, all-of across facets (the core computes the counts).
// Actions go up as onToggle(facet, value, on), onClear() and onExpand(anyExpanded): the core lists
// a facet's top values, and an expanded facet needs all of them (facets.totals says how many).
import { h, replace, count } from './dom.js';
import { FACET_SHOWN as SHOW } from './hits.js';

const TITLES = { speaker: 'Speaker', kind: 'Kind', outlet: 'Outlet', from: 'Article' };

export function mountFacets(root, { onToggle, onClear, onExpand }) {
  const expanded = new Set();
  const panel = h('div', { class: 'facets-inner' });
  replace(root, panel);
  let last = null;
  function update(facets, state) {
    last = { facets, state };
    const groups = Object.keys(TITLES).map((name) => {
      const key = name === 'from' ? 'article' : name;
      const values = facets?.[key] ?? [];
      const total = Math.max(values.length, facets?.totals?.[`${key}s`] ?? 0);
      // The top values, and every selected one wherever its count puts it.
      const shown = expanded.has(name) ? values : values.filter((v, i) => i < SHOW || v.selected);
      const rest = total - shown.length;
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
        rest > 0 && expanded.has(name) ? h('p', { class: 'muted' }, `Loading ${rest} more…`) : null,
        rest > 0 && !expanded.has(name) || expanded.has(name) && values.length > SHOW
          ? h('button', { type: 'button', class: 'linkish', 'aria-expanded': String(expanded.has(name)), onclick: () => {
            toggle(expanded, name);
            // More values than the core listed: ask it for all of them (it re-renders the panel).
            if (expanded.has(name) && total > values.length) onExpand?.(true);
            else { onExpand?.(expanded.size > 0, { quiet: true }); update(last.facets, last.state); }
          } }, expanded.has(name) ? 'Show fewer' : `Show all ${count(total, 'value', 'values')}`)
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
