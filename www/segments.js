// Pre-split text segments from the core, rendered as text nodes, with <mark> around search hits.
// The core has already cut the text; nothing here counts characters or parses markup.
import { h } from './dom.js';

/** Nodes for `[{text, hit?}]`. */
export function segments(list) {
  return (list ?? []).map((s) => (s.hit ? h('mark', {}, s.text) : s.text));
}
