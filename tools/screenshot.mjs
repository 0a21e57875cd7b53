// Takes the README's screenshots of the real page: `node tools/screenshot.mjs` after `./build.sh build`.
// Writes docs/screenshot.png (desktop) and docs/screenshot-360.png (a 360 px wide phone).
import { serve, launch, openPage } from '../tests/browser/harness.mjs';

const server = await serve();
const browser = await launch();
const shots = [
  { file: 'docs/screenshot.png', viewport: { width: 1200, height: 800 }, path: process.argv[2] ?? '' },
  { file: 'docs/screenshot-360.png', viewport: { width: 360, height: 740 }, path: process.argv[2] ?? '' },
];
for (const s of shots) {
  const { page, context } = await openPage(browser, server.url + s.path, { viewport: s.viewport });
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: s.file });
  await context.close();
  console.log(`wrote ${s.file}`);
}
await browser.close();
await server.close();
