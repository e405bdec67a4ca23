// A TDesign app tested as teams test theirs with miniprogram-automator: through the
// components' own tags and ids, `>>>` into a component's template, and the component
// instances' data. examples/tdesign-gallery, through automator.connect() to `wxrt auto`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import automator from 'miniprogram-automator';
import { ROOT, assertBuilt } from './harness.mjs';

const CLI = path.join(ROOT, 'bin/wxrt.mjs');
import { startAuto, until } from './automator-cli.mjs';

const PROJECT = path.join(ROOT, 'examples/tdesign-gallery');

describe('the TDesign gallery through automator.connect()', { timeout: 180_000 }, () => {
  let auto;
  let miniProgram;
  let page;

  before(async () => {
    assertBuilt();
    auto = await startAuto(PROJECT);
    miniProgram = await automator.connect({ wsEndpoint: auto.wsEndpoint });
    page = await miniProgram.currentPage();
  });

  after(async () => {
    // close() as a suite ends it: App.exit, then Tool.close; `wxrt auto` goes on serving.
    await miniProgram?.close();
    const how = await auto?.stop();
    assert.equal(how?.signal ?? null, null, 'wxrt auto exits by itself on Ctrl-C');
  });

  test('components found by tag and id, with their own elements and data', async () => {
    assert.equal(page.path, 'pages/form/form');
    const buttons = await page.$$('t-button');
    assert.ok(buttons.length >= 7, `${buttons.length} buttons`);
    const submit = await page.$('#submit');
    assert.equal(submit.tagName, 't-button');
    assert.equal(await submit.data('theme'), 'primary');
    assert.equal(await submit.property('size'), 'large');
    // Inside the component: its own template's classes, as TDesign wrote them.
    const inner = await submit.$('.t-button');
    assert.ok(inner, 'the button element inside t-button');
    assert.match(await inner.attribute('class'), /t-button--primary/);
    assert.equal(await page.$('.t-button'), null, "the page's selectors stay out of components");
    assert.equal((await page.$('t-button#submit >>> .t-button')).id, inner.id);
    assert.equal(await submit.text(), 'Submit');
  });

  test('a tap on a TDesign button reaches the page handler', async () => {
    await page.setData({ name: 'Ada' });
    await (await page.$('#submit')).tap();
    await until(async () => /submit/.test(await page.data('lastEvent')), 'the submit event');
    assert.match(await page.data('lastEvent'), /"name":"Ada"/);
  });

  test('typing into t-input: the built-in input inside it', async () => {
    const field = await page.$('#name-input');
    const input = await field.$('input');
    assert.equal(input.constructor.name, 'InputElement');
    await input.input('Grace');
    await until(async () => (await page.data('name')) === 'Grace', 'the change event of t-input');
    assert.equal(await field.data('value'), 'Grace');
  });

  test('t-switch toggled by its tap, t-stepper by a method call', async () => {
    const notify = await page.$('#notify');
    const before = await page.data('notify');
    await (await notify.$('.t-switch')).tap();
    await until(async () => (await page.data('notify')) === !before, 'the switch change');
    const quantity = await page.$('#quantity');
    const plus = await quantity.$('.t-stepper__plus');
    const start = await page.data('quantity');
    await plus.tap();
    await until(async () => (await page.data('quantity')) === start + 1, 'the stepper change');
  });

  test('custom tab bar: switching pages the way the user does', async () => {
    const display = await miniProgram.switchTab('/pages/display/display');
    assert.equal(display.path, 'pages/display/display');
    assert.ok((await display.$$('t-cell')).length > 0);
    const back = await miniProgram.switchTab('/pages/form/form');
    assert.equal(back.id, page.id, 'a tab page is kept alive');
  });
});

describe('the TDesign gallery through automator.launch()', { timeout: 120_000 }, () => {
  test('launched with wxrt as cliPath, tapped, closed', async () => {
    assertBuilt();
    const miniProgram = await automator.launch({ cliPath: CLI, projectPath: PROJECT });
    try {
      const page = await miniProgram.currentPage();
      assert.equal(page.path, 'pages/form/form');
      await (await page.$('#submit')).tap();
      await until(async () => /submit/.test(await page.data('lastEvent')), 'the submit event');
    } finally {
      await miniProgram.close();
    }
  });
});
