// No silent failure: a panic inside the wasm core becomes a visible banner with a reload button
// (details in the console); blocked and full storage each give a clear message and keep the
// article for this visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a forced wasm panic shows the error banner with a reload button and logs the details', async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const thrown = await page.evaluate(async () => {
    const core = await import('./pkg/quotelens.js');
    try { core.forcePanicForTest(); return 'no error'; } catch (e) { return String(e); }
  });
  assert.match(thrown, /unreachable|RuntimeError/i, 'the panic aborts the call');
  const banner = page.locator('#banner');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent(), /Something went wrong inside quotelens/);
  assert.equal(await page.locator('#banner button').textContent(), 'Reload');
  assert.ok(problems.some((p) => p.includes('forced panic')), `details logged: ${problems}`);
  // The core's own hook logs too (console.error, declared in src/wasm/mod.rs), before calling the page.
  assert.ok(problems.some((p) => p.includes('quotelens core panicked:') && p.includes('forced panic')), `core logged: ${problems}`);
  assert.equal(await page.evaluate(() => document.body.dataset.crashed), 'true');
  await context.close();
});

async function addPasted(page) {
  await page.goto(`${server.url}?mine=1`);
  await page.waitForSelector('#add-title');
  await page.locator('#paste').fill('“Storage is a privilege,” said archivist Mira Dune.');
  await page.locator('.paste button[type=submit]').click();
  await page.waitForFunction(() => /Added 1 article/.test(document.querySelector('.add-messages').textContent));
  return page.locator('.add-messages').textContent();
}

test('blocked IndexedDB: a clear message, and the article still works for this visit', async () => {
  const { page, context } = await openPage(browser, null);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked by policy', 'SecurityError'); } });
  });
  const msg = await addPasted(page);
  assert.match(msg, /storage is blocked or unavailable/);
  assert.equal(await page.locator('.mine li').count(), 1);
  await context.close();
});

test('full storage: a clear message, and nothing already there is lost', async () => {
  const { page, context } = await openPage(browser, null);
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () { throw new DOMException('quota', 'QuotaExceededError'); };
  });
  const msg = await addPasted(page);
  assert.match(msg, /storage is full/);
  assert.equal(await page.locator('.mine li').count(), 1);
  await context.close();
});
