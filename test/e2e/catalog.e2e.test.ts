import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/platform/auth';
import { inTransaction, systemActor } from '../../src/platform/context';
import { grantRoleBySystem } from '../../src/platform/users';
import { startTestApp, type TestApp } from '../helpers/app';
import { createAccount, sessionFor } from '../helpers/users';
import { ensureWebBuilt, launchChromium, seriousAxeViolations } from './browser';

const STAFF = { email: 'ops@catalog.test', password: 'catalog-journey-password' };

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  app = await startTestApp({ db: 'pglite' });
  const ctx = {
    db: app.platform.db,
    actor: systemActor(),
    channelId: app.platform.defaultChannelId,
    requestId: 'e2e-setup',
    clock: app.platform.clock,
  };
  await inTransaction(ctx, async (tx) => {
    const ops = await createUser(tx.db, {
      email: STAFF.email,
      password: STAFF.password,
      displayName: 'Olive Ops',
      homeChannelId: ctx.channelId,
    });
    await grantRoleBySystem(tx, ops.id, 'ops');
  });
  // The shop already has a category tree and other products (made through the API, as staff would).
  const admin = await createAccount(app, { roles: ['admin'] });
  const { client } = await sessionFor(app, admin.userId);
  const home = (await client.mutate('catalog.categories.create', { name: 'Home' })).data;
  await client.mutate('catalog.categories.create', { name: 'Lighting', parentId: home.id });
  await client.mutate('catalog.categories.create', { name: 'Kitchen', parentId: home.id });
  const kitchen = (await client.query('catalog.categories.list', {})).data.categories.find(
    (c: any) => c.slug === 'kitchen',
  );
  const kettle = (
    await client.mutate('catalog.products.create', { title: 'Copper Kettle', categoryIds: [kitchen.id] })
  ).data;
  await client.mutate('catalog.products.saveVariants', {
    productId: kettle.id,
    options: [],
    variants: [{ sku: 'KETTLE-1', price: { amount: '5900', currency: 'USD' }, options: {} }],
  });
  await client.mutate('catalog.products.publish', { id: kettle.id });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll, 'no sideways scroll').toBeLessThanOrEqual(width);
}

describe('catalog journey', () => {
  it('staff create a product with variants and publish it; a shopper finds it by a typo, filters, opens it and picks a variant', async () => {
    const staff = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    const page = await staff.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto('/signin');
    await page.getByLabel('Email', { exact: true }).fill(STAFF.email);
    await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/console');

    await page.getByRole('navigation').getByRole('link', { name: 'Products' }).click();
    await page.getByRole('button', { name: 'New product' }).click();
    await page.waitForURL(/\/console\/products\/[0-9a-f-]{36}$/);
    await page.getByLabel('Title', { exact: true }).fill('Brass Reading Lamp');
    await page
      .getByLabel('Description', { exact: true })
      .fill('A warm reading light with a weighted base and a linen shade.');
    await page.getByLabel('Description', { exact: true }).blur();
    await page.getByText('Details saved').waitFor();
    await page.getByLabel('Lighting').check();
    await page.getByText('Details saved').waitFor();

    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 1 name').fill('Finish');
    await page.getByLabel('Option 1 values, separated by commas').fill('Brass, Black');
    await page.getByRole('button', { name: 'Add every combination' }).click();
    await page.getByLabel('Price of variant 1').fill('89');
    await page.getByLabel('Price of variant 2').fill('94.50');
    await page.getByText('Variants saved').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('published', { exact: true }).waitFor();
    // The editor shows who changed what.
    await expect.poll(() => page.getByText('publish', { exact: true }).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await staff.close();

    const shopper = await browser.newContext({ baseURL: app.url, viewport: { width: 375, height: 800 } });
    const shop = await shopper.newPage();
    shop.on('pageerror', (e) => problems.push(e.message));
    await shop.goto('/products');
    await noSidewaysScroll(shop);
    await shop.getByLabel('Search products').fill('brass readng lamp');
    await shop.getByRole('button', { name: 'Search', exact: true }).click();
    await shop.waitForURL(/q=brass\+readng\+lamp/);
    await shop.getByRole('link', { name: /Brass Reading Lamp/ }).waitFor();
    await shop.getByRole('button', { name: /^Lighting/ }).click();
    await shop.waitForURL(/category=lighting/);
    await shop.getByRole('link', { name: /Brass Reading Lamp/ }).waitFor();
    // The counts say what the other choice would give: the kettle is in Kitchen, not in this search.
    await shop.getByRole('button', { name: /^Home \(1\)/ }).waitFor();
    await noSidewaysScroll(shop);

    await shop.getByRole('link', { name: /Brass Reading Lamp/ }).click();
    await shop.waitForURL('**/products/brass-reading-lamp');
    await shop.getByRole('heading', { name: 'Brass Reading Lamp' }).waitFor();
    await shop.getByText('From $89.00').waitFor();
    await shop.getByRole('button', { name: 'Black' }).click();
    await shop.getByText('$94.50').waitFor();
    expect(await shop.getByRole('button', { name: 'Black' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => shop.url()).toMatch(/variant=/);
    await noSidewaysScroll(shop);
    expect(await seriousAxeViolations(shop)).toEqual([]);
    expect(problems).toEqual([]);
    await shopper.close();

    // What search engines and link previews get, without running the page.
    const html = await (await fetch(`${app.url}/products/brass-reading-lamp`)).text();
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/[^"]+\/products\/brass-reading-lamp">/);
    expect(html).toContain('<meta property="og:type" content="product">');
    const ld = JSON.parse(
      /<script type="application\/ld\+json" id="page-jsonld">(.*?)<\/script>/.exec(html)![1]!,
    );
    expect(ld).toMatchObject({ '@type': 'Product', name: 'Brass Reading Lamp' });
    expect(ld.offers.map((o: { price: string }) => o.price).sort()).toEqual(['89.00', '94.50']);
  });

  it('the listing is server-rendered with the products in it, and axe finds nothing serious', async () => {
    const html = await (await fetch(`${app.url}/products?category=kitchen`)).text();
    expect(html).toContain('Copper Kettle');
    expect(html).toContain('<title>Kitchen');
    const page = await (
      await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto('/products');
    await page.getByRole('link', { name: /Copper Kettle/ }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
