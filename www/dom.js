// Tiny DOM helpers. Untrusted text only ever becomes text nodes: `h` never parses markup, and
// attribute values are set with setAttribute (never event handlers, never javascript: URLs).

/** Create an element: h('p', {class: 'x'}, 'text', childNode, ...). Strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k.startsWith('on')) throw new Error('event handlers must be functions');
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Append children (strings → text nodes, arrays flattened, null skipped). */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replace all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** An internal link: only ever a relative "?…" or "#…" URL built by our own code. */
export function link(href, attrs, ...children) {
  if (!/^[?#]/.test(href)) throw new Error('internal links must be relative');
  return h('a', { ...attrs, href }, ...children);
}

/** "1 quote", "4,686 quotes": digits grouped by threes with a comma (no Intl: its first call
 * loads locale data, ~20 ms, on the path to the first paint). */
export function count(n, one, many) {
  return n === 1 ? `1 ${one}` : `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} ${many}`;
}
