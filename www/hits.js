// Reading the core's search answer. `lens.search` returns numbers only (one Uint32Array: see
// `Lens::search` in src/wasm.rs for the layout); what does not change between keystrokes — a
// quote's card, a facet value's id and label — is asked for once by number and kept here until the
// lens says its corpus changed (a new generation). Highlights arrive as UTF-16 ranges into the
// card's text and the speaker's name; they are cut into segments here with String.slice, which
// counts in UTF-16 code units too. Nothing here tokenizes, folds or ranks.

/** Cards per page: the first view shows this many, and each "Show more" as many again. */
export const PAGE = 20;

const FACETS = ['speaker', 'outlet', 'article', 'kind'];
const TOTALS = ['speakers', 'outlets', 'articles'];
const STALE = 0x80000000;

/** `[{text, hit?}]` for `text` with the `n` UTF-16 ranges at `frame[at..]`. */
function cut(text, frame, at, n) {
  const out = [];
  let pos = 0;
  for (let k = 0; k < n; k++) {
    const start = Math.max(pos, Math.min(frame[at + 2 * k], text.length));
    const end = Math.max(start, Math.min(frame[at + 2 * k + 1], text.length));
    if (start > pos) out.push({ text: text.slice(pos, start) });
    if (end > start) out.push({ text: text.slice(start, end), hit: true });
    pos = end;
  }
  if (pos < text.length || !out.length) out.push({ text: text.slice(pos) });
  return out;
}

/**
 * A searcher over one lens: `search(q, speaker, outlet, article, kind, limit, allFacets)` →
 * `{total, hits, facets: {speaker, outlet, article, kind, totals}, hints}` with hits as
 * `{...card, segments, speaker_segments}` and facet values as `{value, label, count, selected}`.
 */
export function searcher(lens) {
  let generation = -1;
  let cards = new Map();
  let labels = [[], [], [], []];
  const card = (n) => {
    let c = cards.get(n);
    if (!c) cards.set(n, (c = JSON.parse(lens.card(n))));
    return c;
  };
  // "value\nlabel" (a value has no line break), read once per slot.
  const label = (f, slot) => labels[f][slot] ?? (labels[f][slot] = splitOnce(lens.facetValue(f, slot)));
  return {
    search(q, speaker, outlet, article, kind, limit, allFacets) {
      const frame = lens.search(q, lines(speaker), lines(outlet), lines(article), lines(kind), limit, allFacets);
      if (frame[0] !== generation) {
        generation = frame[0];
        cards = new Map();
        labels = [[], [], [], []];
      }
      const total = frame[1];
      const nHints = frame[2];
      const hits = new Array(frame[3]);
      let at = 4;
      for (let i = 0; i < hits.length; i++) {
        const c = card(frame[at]);
        const nt = frame[at + 1];
        const segments = cut(c.text, frame, at + 2, nt);
        at += 2 + 2 * nt;
        const ns = frame[at];
        const speakerSegments = ns && c.speaker ? cut(c.speaker.name, frame, at + 1, ns) : null;
        at += 1 + 2 * ns;
        hits[i] = {
          id: c.id, article_id: c.article_id, article_title: c.article_title, outlet: c.outlet, date: c.date,
          kind: c.kind, cue: c.cue, rule: c.rule, speaker: c.speaker, text: c.text, same_as: c.same_as,
          local: c.local, segments, speaker_segments: speakerSegments,
        };
      }
      const asked = [speaker, outlet, article, kind];
      const facets = { totals: {} };
      FACETS.forEach((name, f) => {
        const all = frame[at];
        const n = frame[at + 1];
        at += 2;
        const values = new Array(n);
        for (let k = 0; k < n; k++, at += 3) {
          const slot = frame[at];
          const [value, text] = slot >= STALE
            ? [asked[f][slot - STALE], asked[f][slot - STALE]]
            : label(f, slot);
          values[k] = { value: value ?? '', label: text ?? '', count: frame[at + 1], selected: frame[at + 2] === 1 };
        }
        facets[name] = values;
        if (f < 3) facets.totals[TOTALS[f]] = all;
      });
      return { total, hits, facets, hints: nHints ? JSON.parse(lens.hints(q)) : [] };
    },
  };
}

/** A facet selection as the core takes it: one string, a value per line ("" for none). */
export const lines = (values) => values.join('\n');

/** "value\nlabel" → [value, label]; ["", ""] for "" (a slot the core does not have). */
function splitOnce(s) {
  const i = s.indexOf('\n');
  return i < 0 ? [s, s] : [s.slice(0, i), s.slice(i + 1)];
}
