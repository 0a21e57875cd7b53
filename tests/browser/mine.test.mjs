// "Your articles": paste, choose and drop files; they join search and facets, persist across a
// reload, can be removed; every bad input gets a clear message and nothing already there is lost.
// A shared link to a local-only article tells its recipient so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const ARTICLE = 'Mayor Pledges Lights Stay On\n\n“We will keep every light in Zanzibar Street burning through the winter,” Mayor Ann Okafor said on Tuesday.\n\nShe added that the plan “costs less than the repairs.”\n';

async function mine(context) {
  const page = await context.newPage();
  await page.goto(`${server.url}?mine=1`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#add-title');
  return page;
}

const messages = (page) => page.locator('.add-messages').textContent();

test('pasted text joins search and facets, survives a reload, and can be removed', async () => {
  const { context } = await openPage(browser, null);
  const page = await mine(context);
  await page.locator('#paste').fill(ARTICLE);
  await page.locator('#paste-name').fill('Okafor interview');
  await page.locator('.paste button[type=submit]').click();
  await page.waitForFunction(() => /Added 1 article/.test(document.querySelector('.add-messages').textContent));
  assert.equal(await page.locator('.mine li').count(), 1);
  // It joins the search.
  await page.goto(`${server.url}?q=zanzibar`);
  await page.waitForSelector('.card');
  assert.match(await page.locator('.card').first().textContent(), /Zanzibar Street/);
  assert.match(await page.locator('.card .speaker').first().textContent(), /Okafor/);
  // It survives a reload (IndexedDB).
  await page.reload();
  await page.waitForSelector('.card');
  assert.match(await page.locator('.card').first().textContent(), /Zanzibar/);
  const articleId = await page.locator('.card').first().getAttribute('data-article');
  assert.match(articleId, /^u/, 'local article ids start with u');
  // A shared link to it, opened where the article does not exist, says so plainly.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(`${server.url}?article=${articleId}`);
  await other.waitForSelector('body[data-ready="true"]');
  assert.match(await other.locator('#notices').textContent(), /added in their own browser; it is not in your copy/);
  await stranger.close();
  // Removal.
  const p2 = await mine(context);
  await p2.locator('.mine button.remove').click();
  await p2.waitForFunction(() => document.querySelectorAll('.mine li').length === 0);
  await p2.goto(`${server.url}?q=zanzibar`);
  await p2.waitForSelector('body[data-ready="true"]');
  assert.equal(await p2.locator('.card').count(), 0, 'gone from search');
  await p2.reload();
  await p2.waitForSelector('body[data-ready="true"]');
  assert.equal(await p2.locator('.card').count(), 0, 'and gone after a reload');
  await context.close();
});

test('highlights land on the right letters after curly quotes, accents and emoji', async () => {
  // The core hands the page UTF-16 ranges into each card's text; a range counted in bytes or code
  // points would be shifted here by ’ “ é and the two-unit emoji.
  const text = 'Harbour Café Notes\n\n“The café’s 😀 prices 👍🏽 are fair for every fisherman,” said Zoë Ağaoğlu.\n';
  const { context } = await openPage(browser, null);
  const page = await mine(context);
  await page.locator('#paste').fill(text);
  await page.locator('.paste button[type=submit]').click();
  await page.waitForFunction(() => /Added 1 article/.test(document.querySelector('.add-messages').textContent));
  for (const [q, want] of [['prices', ['prices']], ['cafe fisherman', ['café’s', 'fisherman']], ['zoe fair', ['fair', 'Zoë']]]) {
    await page.goto(`${server.url}?q=${encodeURIComponent(q)}`);
    await page.waitForSelector('.card');
    const marks = await page.locator('.card').first().locator('mark').allTextContents();
    assert.deepEqual(marks, want, q);
  }
  assert.equal(await page.locator('.card').first().locator('.quote-text').textContent(),
    'The café’s 😀 prices 👍🏽 are fair for every fisherman,', 'the text itself is whole');
  await context.close();
});

test('dropped and chosen files are added; bad files get a message naming them; nothing is lost', async () => {
  const { context } = await openPage(browser, null);
  const page = await mine(context);
  const file = (name, bytes) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(bytes) });
  await page.locator('#add-files').setInputFiles([file('good.txt', ARTICLE)]);
  await page.waitForFunction(() => /Added 1 article/.test(document.querySelector('.add-messages').textContent));
  const rows = [
    ['empty.txt', Buffer.alloc(0), /empty\.txt.*empty/],
    ['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /photo\.txt.*binary/],
    ['latin1.txt', Buffer.from('Caf\xe9 cr\xe8me', 'latin1'), /latin1\.txt.*not UTF-8.*offset 3/],
    ['good-again.txt', Buffer.from(ARTICLE), /already here/],
    ['huge.txt', Buffer.alloc(5 * 1024 * 1024 + 10, 'a'), /huge\.txt.*5 MB/],
  ];
  for (const [name, bytes, want] of rows) {
    await page.locator('#add-files').setInputFiles([file(name, bytes)]);
    // Wait for this file's message: the previous row's errors stay on screen until the new run reports.
    await page.waitForFunction((n) => document.querySelector('.add-messages .errors')?.textContent.includes(n), name)
      .catch(() => {});
    assert.match(await messages(page), want, name);
    assert.equal(await page.locator('.mine li').count(), 1, `${name}: the good article is still there`);
  }
  // 500 files at once: refused as a whole, with a message.
  const many = Array.from({ length: 500 }, (_, i) => file(`n${i}.txt`, `“Line ${i},” she said.`));
  await page.locator('#add-files').setInputFiles(many);
  await page.waitForFunction(() => /500 files/.test(document.querySelector('.add-messages').textContent));
  assert.match(await messages(page), /at most 100 at a time/);
  assert.equal(await page.locator('.mine li').count(), 1);
  // A real drop event.
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, '“Bridges need paint, not speeches,” said Councillor Ray Imbert.\n');
  await page.waitForFunction(() => document.querySelectorAll('.mine li').length === 2);
  // A large file goes through the worker, with progress, and is added.
  const big = `Harbour Report\n\n${'The harbour was quiet on Monday morning. '.repeat(6000)}\n“The cranes will run again by spring,” port director Lena Vos said.\n`;
  await page.locator('#add-files').setInputFiles([file('big.txt', big)]);
  await page.waitForFunction(() => document.querySelectorAll('.mine li').length === 3, null, { timeout: 20000 });
  await page.goto(`${server.url}?q=cranes`);
  await page.waitForSelector('.card');
  assert.match(await page.locator('.card .speaker').first().textContent(), /Vos/);
  await context.close();
});

test('a facet with more values than the core lists at first shows them all on "Show all"', async () => {
  // 35 people, one quote each: with the bundled speakers that is more than the 30 the core lists.
  const first = ['Alice', 'Bruno', 'Carla', 'Dmitri', 'Elena', 'Farid', 'Greta'];
  const last = ['Adams', 'Baker', 'Castillo', 'Dubois', 'Eriksen'];
  const lines = first.flatMap((f) => last.map((l) => `${f} ${l}`)).map((name, i) => `“Point ${i} stands,” said ${name}${i}.`);
  const { context } = await openPage(browser, null);
  const page = await mine(context);
  await page.locator('#paste').fill(`Thirty-five people gave their view\n\n${lines.join('\n\n')}\n`);
  await page.locator('.paste button[type=submit]').click();
  await page.waitForFunction(() => /Added 1 article/.test(document.querySelector('.add-messages').textContent));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  // The bundled quotes paint first; the person's articles join when IndexedDB has given them back.
  await page.waitForFunction(() => /Show all ([4-9]\d|\d{3,})/.test(document.querySelector('.facet[data-facet="speaker"]')?.textContent ?? ''));
  const speakers = page.locator('.facet[data-facet="speaker"]');
  const button = speakers.locator('button', { hasText: /^Show all/ });
  await button.waitFor();
  const total = Number((await button.textContent()).match(/Show all ([\d,]+) values/)[1].replace(/,/g, ''));
  assert.ok(total >= 35 + 3, `the total counts every speaker, listed or not: ${total}`);
  assert.equal(await speakers.locator('input').count(), 8, 'collapsed: the top eight');
  await button.click();
  await page.waitForFunction((n) => document.querySelectorAll('.facet[data-facet="speaker"] input').length === n, total);
  assert.equal(await speakers.locator('button', { hasText: 'Show fewer' }).getAttribute('aria-expanded'), 'true');
  // Typing keeps the expanded facet whole; "Show fewer" folds it back.
  await page.locator('#q').fill('point');
  await page.waitForFunction(() => document.querySelectorAll('.facet[data-facet="speaker"] input').length >= 35);
  await speakers.locator('button', { hasText: 'Show fewer' }).click();
  assert.equal(await speakers.locator('input').count(), 8);
  await context.close();
});
