// The built page, served under a sub-path: it loads the wasm, lists the four bundled articles,
// opens one in the reader with captions and boilerplate set apart, and shows a readable error
// when the wasm cannot load. Run by `./build.sh test` after `./build.sh build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the page lists the four bundled articles', async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const cards = page.locator('.article-card');
  assert.equal(await cards.count(), 4, 'four article cards');
  const titles = await page.locator('.article-card h3').allTextContents();
  assert.ok(titles.some((t) => t.includes('China’s Top Diplomat')), `the headline of 002 is shown: ${titles}`);
  assert.deepEqual(problems, [], 'no console errors');
  assert.deepEqual(await page.evaluate(() => window.__csp ?? []), [], 'no CSP violations');
  await context.close();
});

test('an article opens in the reader with quotes marked and captions set apart', async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('.article-card a', { hasText: 'China’s Top Diplomat' }).click();
  await page.waitForSelector('article.reader');
  assert.match(page.url(), /\?article=[0-9a-f]{10}$/, 'the URL names the article');
  assert.ok(await page.locator('article.reader q.quote').count() >= 10, 'quotes are marked');
  const captions = page.locator('details.set-apart.caption');
  assert.ok(await captions.count() >= 4, 'captions are set apart');
  assert.equal(await captions.first().evaluate((d) => d.open), false, 'captions start collapsed');
  assert.equal(await page.locator('details.set-apart.boilerplate').count(), 1, 'the comment prompt is boilerplate');
  // The body text is whole: concatenating the reader's blocks gives back every body paragraph.
  const text = await page.locator('article.reader').textContent();
  assert.ok(text.includes('“China and the United States must be cooperating based on an equal basis respecting each other,” he insisted.'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link to an article opens it directly, under a sub-path', async () => {
  const { page, context } = await openPage(browser, server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const href = await page.locator('.article-card a').first().getAttribute('href');
  const { page: fresh, context: c2 } = await openPage(browser, new URL(href, server.url).href);
  await fresh.waitForSelector('article.reader');
  assert.ok((await fresh.locator('#reader-title').textContent()).length > 10);
  await c2.close();
  await context.close();
});

/** Load the page with requests matching `pattern` answered by `reply` (a route.fulfill argument);
 * once the error banner shows, return its text with the page (and check it offers a reload). */
async function bannerWhen(pattern, reply) {
  const { page, context } = await openPage(browser, null);
  await page.route(pattern, (route) => route.fulfill(reply));
  await page.goto(server.url);
  const banner = page.locator('#banner');
  await banner.waitFor({ state: 'visible' });
  assert.equal(await page.locator('#banner button').textContent(), 'Reload');
  return { page, context, text: await banner.textContent() };
}

test('a wasm that fails to load gives a visible, readable error', async () => {
  const { context, text } = await bannerWhen('**/*.wasm', { status: 404, body: 'gone' });
  assert.match(text, /quote engine could not load/);
  await context.close();
});

test('a loader (boot.js) that fails to load still gives the page and a readable error', async () => {
  // app.bundle.js reaches boot.js by a dynamic import, so a failed boot.js no longer takes the
  // whole page with it: the views mount and the banner says what happened.
  const { page, context, text } = await bannerWhen('**/boot.js', { status: 404, body: 'gone' });
  assert.match(text, /quote engine could not load/);
  assert.equal(await page.locator('#q').count(), 1);
  await context.close();
});

test('bundled articles that fail to download give a visible error naming them', async () => {
  const { context, text } = await bannerWhen('**/seeds.pack', { status: 404, body: 'gone' });
  assert.match(text, /bundled articles could not load.*HTTP 404/s);
  await context.close();
});

test('a damaged pack of bundled articles is refused with a clear error, not a crash', async () => {
  const { page, context, text } = await bannerWhen('**/seeds.pack', { status: 200, body: Buffer.from('QLPKnot really a pack') });
  assert.match(text, /could not load.*damaged/s);
  assert.notEqual(await page.evaluate(() => document.body.dataset.crashed), 'true');
  await context.close();
});
