// The quote explorer end to end, as a person uses it: type, filter, open in context, copy the link
// and open it in a fresh browser, Back and Forward, keyboard only, axe, and a 360 px screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, openPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function ready(url = server.url, opts) {
  const o = await openPage(browser, url, opts);
  await o.page.waitForSelector('body[data-ready="true"]');
  return o;
}

const count = (page) => page.locator('#results-title').textContent();
const cards = (page) => page.locator('.card');

test('on load with no query every quote is listed, with facets and counts', async () => {
  const { page, problems, context } = await ready();
  const title = await count(page);
  const n = Number(title.match(/^([\d,]+) quotes/)[1].replace(',', ''));
  assert.ok(n >= 60, `all quotes are listed on load: ${title}`);
  assert.ok(await page.locator('.facet[data-facet="speaker"] input').count() >= 3);
  assert.ok(await page.locator('.facet[data-facet="kind"] input').count() === 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('result counts group thousands without Intl (its first call costs ~20 ms before the first paint)', async () => {
  const { page, context } = await ready();
  const got = await page.evaluate(async () => {
    const { count } = await import('./dom.js');
    return [0, 1, 2, 999, 1000, 4686, 1234567].map((n) => count(n, 'quote', 'quotes'));
  });
  assert.deepEqual(got, ['0 quotes', '1 quote', '2 quotes', '999 quotes', '1,000 quotes', '4,686 quotes', '1,234,567 quotes']);
  await context.close();
});

test('typing filters on every keystroke, highlights matches, and settles into history', async () => {
  const { page, context } = await ready();
  const before = await count(page);
  await page.locator('#q').pressSequentially('sovereign', { delay: 30 });
  await page.waitForFunction(() => document.querySelector('#results-title').textContent.match(/^\d+ quotes?/));
  const after = await count(page);
  assert.notEqual(after, before, 'the list narrowed');
  assert.ok(await cards(page).count() >= 1, 'something matches “sovereign”');
  const marks = await page.locator('.card mark').allTextContents();
  assert.ok(marks.length >= 1 && marks.every((m) => /sovereign/i.test(m)), `matches are marked: ${marks}`);
  assert.match(page.url(), /\?q=sovereign/, 'the query is in the URL');
  // The live region announces the count once typing settles.
  await page.waitForFunction(() => /for “sovereign”/.test(document.querySelector('#status').textContent));
  await context.close();
});

test('paragraphs of the article text that match come after the quotes, and follow the query', async () => {
  const { page, problems, context } = await ready();
  await page.locator('#q').pressSequentially('brutal', { delay: 20 });
  const passage = page.locator('.passages .passage').first();
  await passage.waitFor();
  const marks = await page.locator('.passages mark').allTextContents();
  assert.ok(marks.length >= 1 && marks.every((m) => /brutal/i.test(m)), `matches are marked in passages: ${marks}`);
  const link = await passage.locator('a').getAttribute('href');
  assert.match(link, /^\?article=[0-9a-f]+&q=brutal$/, 'a passage links to its article with the query');
  // A query whose words are in no paragraph empties the section once it has caught up.
  await page.locator('#q').fill('zzzqqq');
  await page.waitForFunction(() => !document.querySelector('.passages .passage'));
  await page.locator('#q').fill('');
  await page.waitForFunction(() => !document.querySelector('.passages h2'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('facets combine (any-of within, all-of across) and Clear all resets', async () => {
  const { page, context } = await ready();
  await page.locator('.facet[data-facet="kind"] label', { hasText: 'direct' }).click();
  await page.waitForURL(/kind=direct/);
  const direct = await cards(page).count();
  const kinds = await page.locator('.card .badge').allTextContents();
  assert.ok(kinds.every((k) => k === 'direct'), `only direct quotes: ${kinds}`);
  await page.locator('.facet[data-facet="kind"] label', { hasText: 'partial' }).click();
  await page.waitForURL(/kind=direct&kind=partial/);
  assert.ok(await cards(page).count() >= direct, 'any-of within a facet widens');
  const outlet = page.locator('.facet[data-facet="outlet"] label', { hasText: 'Newsweek' });
  await outlet.click();
  await page.waitForURL(/outlet=newsweek/);
  const outlets = await page.locator('.card .src .muted').allTextContents();
  assert.ok(outlets.length > 0 && outlets.every((o) => o.includes('Newsweek')), 'all-of across facets narrows');
  await page.locator('button.clear').click();
  await page.waitForURL((u) => u.search === '' || u.search === '?');
  assert.equal(await page.locator('.facet input:checked').count(), 0);
  await context.close();
});

test('open a quote in its article: scrolled to, highlighted, every quote marked with a legend', async () => {
  const { page, context } = await ready();
  const first = cards(page).first();
  const id = await first.getAttribute('data-quote');
  await first.locator('a.open').click();
  await page.waitForSelector('article.reader');
  assert.match(page.url(), new RegExp(`#quote=${id}$`));
  const sel = page.locator(`q.selected[data-quote="${id}"]`);
  assert.equal(await sel.count() >= 1, true, 'the quote is highlighted');
  assert.ok(await sel.first().evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }), 'and scrolled into view');
  assert.ok(await page.locator('article.reader q.quote').count() >= 5, 'every quote is marked');
  assert.ok(await page.locator('.legend li').count() >= 1, 'a legend names the speakers');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#explorer:not([hidden])');
  await context.close();
});

test('a copied link opens the same view in a fresh browser; Back and Forward walk settled searches', async () => {
  const { page, context } = await ready();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('#q').fill('wang');
  await page.keyboard.press('Enter');
  await page.locator('.facet[data-facet="kind"] label', { hasText: 'direct' }).click();
  await page.waitForURL(/q=wang.*kind=direct/);
  const view = { url: page.url(), count: await count(page), first: await cards(page).first().getAttribute('data-quote') };
  await page.locator('#copy-link').click();
  await page.waitForFunction(() => document.querySelector('#copy-link').textContent === 'Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, view.url);
  const fresh = await ready(copied);
  assert.equal(await count(fresh.page), view.count, 'same count');
  assert.equal(await cards(fresh.page).first().getAttribute('data-quote'), view.first, 'same first quote');
  assert.equal(await fresh.page.locator('#q').inputValue(), 'wang');
  assert.equal(await fresh.page.locator('.facet[data-facet="kind"] input:checked').count(), 1);
  await fresh.context.close();
  // Back: undo the filter, then the search — not each keystroke.
  await page.locator('#q').focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' yi', { delay: 20 });
  await page.waitForURL(/q=wang\+yi/);
  await page.goBack();
  await page.waitForURL(/q=wang&kind=direct$/);
  assert.equal(await page.locator('#q').inputValue(), 'wang');
  await page.goBack();
  await page.waitForURL(/\?q=wang$/);
  assert.equal(await page.locator('.facet input:checked').count(), 0);
  await page.goForward();
  await page.waitForURL(/kind=direct/);
  assert.equal(await page.locator('.facet[data-facet="kind"] input:checked').count(), 1);
  await context.close();
});

test('the first view keeps its history entry (in canonical form) when typing starts at once', async () => {
  // The first view's entry is written after its first frame; a keystroke before that writes it
  // first. This one arrives in the very task that made the page ready, before any frame.
  const { page, context } = await openPage(browser, null);
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body?.dataset.ready !== 'true') return;
      obs.disconnect();
      const q = document.getElementById('q');
      q.value = 'wang yi';
      q.dispatchEvent(new Event('input', { bubbles: true }));
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(`${server.url}?q=wang&bogus=1`);
  await page.waitForURL(/q=wang\+yi/);
  await page.goBack();
  await page.waitForURL(/\?q=wang$/);
  assert.equal(await page.locator('#q').inputValue(), 'wang');
  await context.close();
});

test('unknown or malformed parameters give a notice and a sensible view', async () => {
  const { page, problems, context } = await ready(`${server.url}?bogus=1&kind=shouting&speaker=%3Cb%3E&article=zzzzzzzzzz#quote=%%%`);
  const notice = await page.locator('#notices').textContent();
  assert.match(notice, /unknown parameter/);
  assert.match(notice, /kind/);
  assert.ok(await cards(page).count() > 0, 'quotes are still listed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: / focuses search, arrows move through results, Enter opens, Esc closes', async () => {
  const { page, context } = await ready();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('china');
  await page.keyboard.press('ArrowDown');
  const firstId = await page.evaluate(() => document.activeElement.dataset.quote);
  assert.ok(firstId, 'the first card has focus');
  await page.keyboard.press('ArrowDown');
  const secondId = await page.evaluate(() => document.activeElement.dataset.quote);
  assert.notEqual(secondId, firstId);
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.reader');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.quote), secondId, 'focus lands on the quote');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#explorer:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.quote), secondId, 'focus returns to its card');
  await context.close();
});

test('axe-core reports no violations in the explorer, the reader and the speaker page, light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, context } = await ready();
    await page.emulateMedia({ colorScheme: scheme });
    const views = [server.url, `${server.url}?q=wang`];
    const id = await page.locator('.article-card').nth(2).getAttribute('data-article');
    views.push(`${server.url}?article=${id}&q=china`);
    const sp = await page.locator('.card a.speaker').first().getAttribute('href');
    if (sp) views.push(new URL(sp, server.url).href);
    for (const url of views) {
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]');
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const r = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`), [], `${scheme} ${url}`);
    }
    await context.close();
  }
});

test('works at 360 px wide (screenshot saved to test-results/)', async () => {
  const { page, context } = await ready(`${server.url}?q=wang`, { viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (overflow ${overflow}px)`);
  await page.screenshot({ path: 'test-results/explorer-360.png', fullPage: false });
  await context.close();
});

test('the same remark in two outlets: "Also reported by", then side by side with a word diff', async () => {
  const { page, context } = await ready(`${server.url}?q=${encodeURIComponent('"iron clad"')}`);
  const also = page.locator('.card a.also').first();
  assert.match(await also.textContent(), /Also reported by 1 other outlet/);
  await also.click();
  await page.waitForSelector('article.compare');
  assert.match(page.url(), /\?.*compare=/);
  assert.ok(await page.locator('.compare .column').count() >= 2, 'the remark and at least one other report');
  assert.ok(await page.locator('.compare ins').count() >= 1 && await page.locator('.compare del').count() >= 1, 'differences are marked');
  assert.match(await page.locator('.compare').textContent(), /rock-solid/);
  await context.close();
});

test('a speaker page shows roles, articles and an SVG chart of quotes per article and kind', async () => {
  const { page, context } = await ready(`${server.url}?profile=wang-yi`);
  await page.waitForSelector('article.profile');
  assert.equal(await page.locator('#profile-title').textContent(), 'Wang Yi');
  assert.match(await page.locator('.profile').textContent(), /Roles seen:.*Foreign Minister/);
  const bars = await page.locator('.chart svg rect.bar').count();
  assert.ok(bars >= 3, `bars per article and kind: ${bars}`);
  assert.match(await page.locator('.chart svg').getAttribute('aria-label'), /Quotes per article and kind/);
  assert.ok(await page.locator('.profile .card').count() >= 10);
  await context.close();
});

test('"Copy with citation" puts the quote, its speaker, role and outlet on the clipboard', async () => {
  const { page, context, problems } = await ready(`${server.url}?speaker=wang-yi`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const card = cards(page).first();
  const quote = (await card.locator('blockquote').first().textContent()).trim();
  await card.locator('button.cite').click();
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Copied with citation');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(text.startsWith('“'), text);
  assert.ok(text.includes(quote.replace(/^[“"]|[”"]$/g, '').slice(0, 30)), `the quote's words: ${text}`);
  assert.match(text, /” Wang Yi, .*in /);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Export CSV and JSON download exactly the filtered quotes', async () => {
  const { page, context, problems } = await ready(`${server.url}?speaker=wang-yi`);
  const n = Number((await count(page)).match(/^([\d,]+) quote/)[1]);
  const fetchDownload = async (label) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  };
  const csv = await fetchDownload('Export CSV');
  assert.match(csv.name, /^quotelens-\d{4}-\d\d-\d\d\.csv$/);
  const lines = csv.text.trim().split(/\r?\n/);
  assert.match(lines[0], /^"id","text","speaker",/);
  const json = await fetchDownload('Export JSON');
  const rows = JSON.parse(json.text);
  assert.equal(rows.length, n, `the JSON has the ${n} filtered quotes`);
  assert.ok(rows.every((r) => r.speaker === 'Wang Yi'), 'only the filtered speaker');
  assert.ok(lines.length - 1 >= n, `the CSV has a row per quote (${lines.length - 1} lines for ${n}; text may span lines)`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('pointing at a speaker link starts the worker that makes speaker pages, before the click', async () => {
  const { page, context } = await ready();
  const started = page.waitForEvent('worker', { timeout: 5000 });
  await cards(page).first().locator('a.speaker').hover();
  const worker = await started;
  assert.match(worker.url(), /worker\.js$/);
  await cards(page).first().locator('a.speaker').click();
  await page.waitForSelector('article.profile');
  await context.close();
});

/** A page at `url` whose wasm is held back until `release()`: what it paints meanwhile is not the core's. */
async function heldCore(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(url);
  return { page, context, release };
}

test('a plain link paints its first view before the core is ready, exactly as the core then shows it', async () => {
  // Only the first view answered ahead of time (tools/first-view.mjs) can paint.
  const { page, context, release } = await heldCore(server.url);
  await page.locator('.card').first().waitFor();
  const snapshot = () => page.evaluate(() => [document.querySelector('#results').innerHTML, document.querySelector('#facets').innerHTML]);
  const early = await snapshot();
  assert.notEqual(await page.evaluate(() => document.body.dataset.ready), 'true', 'painted before the core was ready');
  assert.ok(await page.locator('.card').count() >= 10);
  release();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(JSON.stringify(await snapshot()), JSON.stringify(early), 'the core renders the same view');
  await context.close();
});

test('typing over the first view before the core is ready is answered once it is', async () => {
  const { page, context, release } = await heldCore(server.url);
  await page.locator('.card').first().waitFor();
  const all = await count(page);
  await page.locator('#q').fill('sovereignty');
  await page.waitForURL(/[?&]q=sovereignty/); // the step is kept in the URL meanwhile
  assert.notEqual(await page.evaluate(() => document.body.dataset.ready), 'true');
  release();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction((before) => document.querySelector('#results-title')?.textContent !== before, all);
  assert.match(await count(page), /^\d+ quotes?/);
  assert.ok(await page.locator('.card mark, .card .hit').count() >= 1, 'matches are highlighted');
  await context.close();
});

test('a link with a query or an open view waits for the core: the first view is never shown for it', async () => {
  for (const link of ['?q=wang', '#quote=nothing-here']) {
    const { page, context, release } = await heldCore(`${server.url}${link}`);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.card').count(), 0, `${link}: nothing painted ahead of the core`);
    release();
    await page.waitForSelector('body[data-ready="true"]');
    assert.ok(await page.locator('.card').count() >= 1, `${link}: the core painted it`);
    await context.close();
  }
});
