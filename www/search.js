// The search box: the input, query hints under it, and the query-language help popover.
// Events carry data up (onInput(text), onSubmit(text)); update(state, hints) is idempotent and never
// resets the caret while the person types.
import { h, replace } from './dom.js';

const HELP = [
  ['wang sovereignty', 'quotes with both words (in the quote, speaker, cue, article or outlet)'],
  ['"exact phrase"', 'the words in this order (straight or curly quotes)'],
  ['peace OR ceasefire', 'either word'],
  ['-taiwan', 'without this word'],
  ['negotiat', 'the last word matches as a prefix while you type'],
  ['sovereinty', 'small typos are forgiven (1 from 5 letters, 2 from 9), ranked lower'],
  ['speaker:"wang yi"', 'by speaker (name, alias or role); also outlet:, article:, kind:direct'],
];

export function mountSearch(root, { onInput, onSubmit }) {
  const input = h('input', {
    id: 'q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Search quotes, speakers, articles…', 'aria-describedby': 'q-hints q-keys',
  });
  const hints = h('ul', { id: 'q-hints', class: 'hints', 'aria-live': 'polite' });
  const helpId = 'q-help';
  const help = h('div', { id: helpId, class: 'help', role: 'region', 'aria-label': 'Search syntax', hidden: true },
    h('h2', {}, 'How to search'),
    h('dl', {}, HELP.map(([q, what]) => [h('dt', {}, h('code', {}, q)), h('dd', {}, what)])),
    h('p', {}, 'Keys: ', h('kbd', {}, '/'), ' search, ', h('kbd', {}, '↑'), ' ', h('kbd', {}, '↓'), ' move through quotes, ',
      h('kbd', {}, 'Enter'), ' open in the article, ', h('kbd', {}, 'Esc'), ' close.'));
  const helpButton = h('button', {
    type: 'button', class: 'help-toggle', 'aria-expanded': 'false', 'aria-controls': helpId,
    onclick: () => toggleHelp(),
  }, 'Search help');
  function toggleHelp(force) {
    const open = force ?? help.hidden;
    help.hidden = !open;
    helpButton.setAttribute('aria-expanded', String(open));
  }
  const form = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); onSubmit(input.value); } },
    h('label', { for: 'q' }, 'Search the quotes'),
    h('div', { class: 'search-row' }, input, helpButton),
    h('p', { id: 'q-keys', class: 'visually-hidden' }, 'Results update as you type. Press Enter to keep this search in the browser history.'),
    hints, help);
  input.addEventListener('input', () => onInput(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !help.hidden) { toggleHelp(false); e.stopPropagation(); }
  });
  replace(root, form);
  return {
    input,
    closeHelp: () => toggleHelp(false),
    helpOpen: () => !help.hidden,
    update(state, queryHints) {
      // While typing, state.q is the input's own value, so the caret is never disturbed.
      if (input.value !== state.q) input.value = state.q;
      replace(hints, (queryHints ?? []).map((x) => h('li', {},
        x.start !== undefined ? h('span', { class: 'hint-at' }, `at ${x.start + 1}: `) : null, x.message)));
    },
  };
}
