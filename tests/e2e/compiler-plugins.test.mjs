// DevTools' compiler plugins, as a TypeScript + Sass project created by DevTools uses
// them (fixtures/projects/plugins-app): the .ts files run as the JavaScript beside them,
// the .scss files style as the WXSS beside them, and an error in TypeScript is reported
// at the .ts file's own line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECTS, openPreview, until, useBrowser } from './harness.mjs';

const env = useBrowser({ serveDir: path.join(PROJECTS, 'plugins-app') });

test('a TypeScript and Sass project runs, styled, and its errors point at the .ts lines', async () => {
  const page = await openPreview(env);
  try {
    assert.equal(page.startError, undefined);
    await until(page, () => document.querySelector('wx-page:not([hidden]) .greeting')?.textContent === 'Hello, wxrt');
    assert.equal(await page.evaluate(() => document.querySelector('wx-page:not([hidden]) .title').textContent), 'typescript page');
    const styles = await page.evaluate(() => {
      const style = (selector) => getComputedStyle(document.querySelector(`wx-page:not([hidden]) ${selector}`));
      return {
        ink: style('.greeting').color, spacing: style('.greeting').letterSpacing,
        brand: style('.title').color, padding: style('.card').paddingTop,
      };
    });
    assert.equal(styles.ink, 'rgb(20, 20, 20)', 'app.scss, through a partial imported from the root');
    assert.equal(styles.spacing, '3px', 'a .wxss file imported from app.scss');
    assert.equal(styles.brand, 'rgb(0, 82, 217)', "the page's nested rule");
    assert.notEqual(styles.padding, '0px', '$gap * 2 in rpx');
    assert.deepEqual(await page.evaluate(() => wxrt.errors()), []);

    await page.locator('wx-page:not([hidden]) #fail').click();
    await until(page, () => wxrt.errors().length > 0);
    const [error] = await page.evaluate(() => wxrt.errors());
    assert.match(error.message, /thrown on line 14 of index\.ts/);
    assert.deepEqual([error.file, error.line], ['pages/index/index.ts', 14]);
  } finally {
    await page.close();
  }
});
