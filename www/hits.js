// Reading the core's search answer. `lens.search` returns numbers only (one Uint32Array: see
// `Lens::search` in src/wasm.rs for the layout); what does not change between keystrokes — a
// quote's card, a facet value's id and label — is asked for by number once (all a keystroke lacks
// in one call, `lens.details`) and kept here until the lens says its corpus changed (a new
// generation). Highlights arrive as UTF-16 ranges into the card's text and the speaker's name;
// they are cut into segments here with String.slice, which counts in UTF-16 code units too.
// Nothing here tokenizes, folds or ranks.

/** Cards per page: the first view shows this many, and each "Show more" as many again. */
export const PAGE = 20;
/** Values a facet shows before "Show all" (besides the selected ones): all the core lists for it. */
export const FACET_SHOWN = 8;

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
 * `{...card, segments, speaker_segments}` and facet values as `{value, label, count, selected}`:
 * each facet's selected values and its top FACET_SHOWN others (every value with `allFacets`).
 */
export function searcher(lens) {
  let generation = -1;
  let cards = new Map();
  let labels = [[], [], [], []];
  return {
    search(q, speaker, outlet, article, kind, limit, allFacets) {
      const frame = lens.search(q, lines(speaker), lines(outlet), lines(article), lines(kind), limit,
        allFacets ? 0 : FACET_SHOWN);
      if (frame[0] !== generation) {
        generation = frame[0];
        cards = new Map();
        labels = [[], [], [], []];
      }
      const total = frame[1];
      const nHints = frame[2];
      // Where each hit and facet starts in the frame, and the cards and facet values not seen
      // yet: all asked for in one call (a slot at or past STALE is the request's own value).
      const starts = new Array(frame[3]);
      const quotes = [];
      const values = [];
      let at = 4;
      for (let i = 0; i < starts.length; i++) {
        starts[i] = at;
        if (!cards.has(frame[at])) quotes.push(frame[at]);
        at += 2 + 2 * frame[at + 1];
        at += 1 + 2 * frame[at];
      }
      const lists = FACETS.map((_, f) => {
        const list = at;
        for (let k = 0; k < frame[list + 1]; k++) {
          const slot = frame[list + 2 + 3 * k];
          if (slot < STALE && labels[f][slot] === undefined) values.push(f * 2 ** 30 + slot);
        }
        at += 2 + 3 * frame[list + 1];
        return list;
      });
      if (quotes.length || values.length) {
        // The count of quotes, the quotes, the values (no spread: an expanded facet can list
        // tens of thousands of values, past what a call's arguments may hold).
        const asked = new Uint32Array(1 + quotes.length + values.length);
        asked[0] = quotes.length;
        asked.set(quotes, 1);
        asked.set(values, 1 + quotes.length);
        const got = JSON.parse(lens.details(asked));
        quotes.forEach((n, k) => cards.set(n, got[k]));
        values.forEach((v, k) => { labels[Math.floor(v / 2 ** 30)][v % 2 ** 30] = got[quotes.length + k]; });
      }
      const hits = starts.map((s) => {
        const c = cards.get(frame[s]);
        const nt = frame[s + 1];
        const segments = cut(c.text, frame, s + 2, nt);
        const ns = frame[s + 2 + 2 * nt];
        const speakerSegments = ns && c.speaker ? cut(c.speaker.name, frame, s + 3 + 2 * nt, ns) : null;
        return {
          id: c.id, article_id: c.article_id, article_title: c.article_title, outlet: c.outlet, date: c.date,
          kind: c.kind, cue: c.cue, rule: c.rule, speaker: c.speaker, text: c.text, same_as: c.same_as,
          local: c.local, segments, speaker_segments: speakerSegments,
        };
      });
      const asked = [speaker, outlet, article, kind];
      const facets = { totals: {} };
      FACETS.forEach((name, f) => {
        const list = lists[f];
        const n = frame[list + 1];
        const out = new Array(n);
        for (let k = 0, p = list + 2; k < n; k++, p += 3) {
          const slot = frame[p];
          const [value, text] = slot >= STALE ? [asked[f][slot - STALE], asked[f][slot - STALE]] : labels[f][slot];
          out[k] = { value: value ?? '', label: text ?? '', count: frame[p + 1], selected: frame[p + 2] === 1 };
        }
        facets[name] = out;
        if (f < 3) facets.totals[TOTALS[f]] = frame[list];
      });
      return { total, hits, facets, hints: nHints ? JSON.parse(lens.hints(q)) : [] };
    },
  };
}

/** A facet selection as the core takes it: one string, a value per line ("" for none). */
export const lines = (values) => values.join('\n');
