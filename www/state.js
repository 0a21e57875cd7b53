// The URL is the state. One place reads it and writes it, so a shared link reproduces the view:
//   ?q=sovereignty&speaker=wang-yi&speaker=hua-chunying&outlet=newsweek&from=ARTICLE_ID&kind=direct
//   &article=ARTICLE_ID&profile=SPEAKER_ID#quote=QUOTE_ID
// Unknown or malformed parameters are dropped with a short notice; they never blank the page.

/** Parameters we understand, and how many values each takes. */
const MULTI = ['speaker', 'outlet', 'from', 'kind'];
const SINGLE = ['q', 'article', 'profile', 'compare', 'mine'];
const KINDS = ['direct', 'partial', 'term'];
/** Ids: slugs and hashes; facet values for “none” start with an underscore (_unattributed). */
const ID = /^_?[a-z0-9][a-z0-9-]{0,80}$/;
/** Longest query kept from a URL (longer ones are cut, with a notice). */
export const MAX_QUERY = 2000;

/** An empty state: every quote, nothing open. */
export function emptyState() {
  return { q: '', speaker: [], outlet: [], from: [], kind: [], article: null, profile: null, compare: null, mine: null, quote: null };
}

/**
 * Read a state from a location (`search` and `hash` strings).
 * Returns { state, notices } where notices are short sentences about what was ignored.
 */
export function readState(search, hash) {
  const state = emptyState();
  const notices = [];
  let params;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state, notices: ['The link’s parameters could not be read; showing every quote.'] };
  }
  const unknown = new Set();
  for (const [key, raw] of params) {
    const value = String(raw);
    if (MULTI.includes(key)) {
      for (const v of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (key === 'kind' && !KINDS.includes(v)) { notices.push(`Ignored unknown kind “${short(v)}”.`); continue; }
        if (key !== 'kind' && !ID.test(v)) { notices.push(`Ignored malformed ${key} “${short(v)}”.`); continue; }
        if (!state[key].includes(v)) state[key].push(v);
      }
    } else if (SINGLE.includes(key)) {
      if (key === 'q') {
        state.q = value.length > MAX_QUERY ? value.slice(0, MAX_QUERY) : value;
        if (value.length > MAX_QUERY) notices.push(`The query was cut to ${MAX_QUERY} characters.`);
      } else if (ID.test(value)) {
        state[key] = value;
      } else if (value) {
        notices.push(`Ignored malformed ${key} “${short(value)}”.`);
      }
    } else {
      unknown.add(key);
    }
  }
  if (unknown.size) notices.push(`Ignored unknown parameter${unknown.size > 1 ? 's' : ''} ${[...unknown].map((k) => `“${short(k)}”`).join(', ')}.`);
  const h = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  const quote = h.get('quote');
  if (quote && ID.test(quote)) state.quote = quote;
  else if (quote) notices.push(`Ignored malformed quote id “${short(quote)}”.`);
  return { state, notices };
}

/** The relative URL ("?…#…") for a state, with parameters in a fixed order. */
export function writeState(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const key of MULTI) for (const v of state[key]) p.append(key, v);
  for (const key of ['article', 'profile', 'compare', 'mine']) if (state[key]) p.set(key, state[key]);
  const search = p.toString();
  const hash = state.quote ? `#quote=${encodeURIComponent(state.quote)}` : '';
  return `?${search}${hash}`;
}

/** Two states describe the same view. */
export function sameState(a, b) {
  return writeState(a) === writeState(b);
}

function short(s) {
  const t = String(s);
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
