// Untrusted text never becomes markup. Every payload goes through every URL parameter and the
// search box; nothing may execute (no dialog, no flag set, no CSP violation, no element created
// from the payload) and the text must show literally where the page echoes it. The page also runs
// with its Content-Security-Policy sent as an HTTP header, with Trusted Types enforced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types quotelens-worker";

export const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '"><svg onload=window.__pwned=1>',
  "'><script>window.__pwned=1</script>",
  'javascript:window.__pwned=1',
  'JaVaScRiPt:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '`-alert(1)-`',
  '</textarea><script>alert(1)</script>',
  '<style>*{display:none}</style>',
  '<object data="data:text/html,<script>alert(1)</script>">',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '&lt;img src=x onerror=alert(1)&gt;',
  '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
  '\u003cimg src=x onerror=alert(1)\u003e',
  'speaker:"<img src=x onerror=alert(1)>"',
  'outlet:"\\"><svg onload=alert(1)>"',
  'kind:"<script>alert(1)</script>" OR -x',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '<base href="javascript:alert(1)//">',
  '<link rel=import href=data:text/html,<script>alert(1)</script>>',
  '“<img src=x onerror=alert(1)>”',
  '😀<img src=x onerror=alert(1)>é',
];

let server, browser;
before(async () => { server = await serve({ headers: { 'content-security-policy': CSP } }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function probe(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned === 1,
    csp: window.__csp ?? [],
    created: document.querySelectorAll('img, iframe, object, embed, video, marquee, form:not(.search), base, link[rel=import], math, details[ontoggle], input:not(#q):not([type=checkbox]), script:not([src]), style').length,
  }));
}

async function check(page, dialogs, where) {
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForTimeout(30);
  const p = await probe(page);
  assert.equal(p.pwned, false, `${where}: payload executed`);
  assert.deepEqual(p.csp, [], `${where}: CSP violations mean markup was created`);
  assert.equal(p.created, 0, `${where}: an element was created from the payload`);
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
}

test(`${PAYLOADS.length} XSS payloads through every URL parameter show as text and never execute`, async () => {
  assert.ok(PAYLOADS.length >= 30);
  const { page, context } = await openPage(browser, null);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  for (const payload of PAYLOADS) {
    const enc = encodeURIComponent(payload);
    for (const param of ['q', 'speaker', 'outlet', 'kind', 'article', 'profile', 'compare']) {
      await page.goto(`${server.url}?${param}=${enc}`);
      await check(page, dialogs, `?${param}=${payload}`);
      if (param === 'q') {
        assert.equal(await page.locator('#q').inputValue(), payload, 'the query shows literally in the box');
        const text = await page.locator('#results').textContent();
        if (!text.match(/^\s*\d/) && text.includes('No quote matches')) assert.ok(text.includes(`No quote matches “${payload}”`), 'and literally in the empty state');
      } else {
        assert.ok(await page.locator('.card').count() > 0, `?${param}=… still shows quotes`);
      }
    }
    await page.goto(`${server.url}#quote=${enc}`);
    await check(page, dialogs, `#quote=${payload}`);
    await page.goto(`${server.url}?${enc}=${enc}`);
    await check(page, dialogs, `?${payload}=…`);
  }
  await context.close();
});

test('XSS payloads typed into the search box show as text and never execute', async () => {
  const { page, context } = await openPage(browser, server.url);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.waitForSelector('body[data-ready="true"]');
  for (const payload of PAYLOADS) {
    await page.locator('#q').fill(payload);
    await page.keyboard.press('Enter');
    await check(page, dialogs, `typed ${payload}`);
    assert.equal(new URL(page.url()).searchParams.get('q'), payload, 'the URL carries the payload as data');
  }
  await context.close();
});

test('the page works with its CSP as an HTTP header, Trusted Types enforced', async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok(await page.locator('.card').count() > 0);
  await page.locator('.card a.open').first().click();
  await page.waitForSelector('article.reader');
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp ?? []), []);
  await context.close();
});
