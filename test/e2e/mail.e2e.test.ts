import { eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages } from '../../src/platform/email';
import { ensureWebBuilt, launchChromium, seriousAxeViolations } from './browser';
import { type Demo, PUBLIC_URL, pageAs, startDemo } from './demo';

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  demo = await startDemo();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.app.close();
});

const sandbox = 'allow-popups allow-popups-to-escape-sandbox';
const listOf = (page: Page) => page.getByRole('list', { name: 'Emails, newest first' });
const frameOf = (page: Page) => page.locator('iframe[title^="The email"]');

/** How many emails the catcher holds (every sign-up in the demo sent one too), or holds for one address. */
async function mailCount(to?: string): Promise<number> {
  const [row] = await demo.app.platform.db
    .select({ n: sql<number>`count(*)::int` })
    .from(emailMessages)
    .where(to ? eq(emailMessages.toAddress, to) : undefined);
  return row!.n;
}

function pageScrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe('the mail catcher (/console/mail)', () => {
  it("an admin finds the product's emails from the console nav, newest first, and narrows them by recipient", async () => {
    const { context, page } = await pageAs(browser, demo.app, demo.admin);
    try {
      await page.goto('/console');
      await page
        .getByRole('navigation', { name: 'Console navigation' })
        .getByRole('link', { name: 'Mail' })
        .click();
      await page.waitForURL('**/console/mail');
      const rows = listOf(page).getByRole('listitem');
      const all = await mailCount();
      expect(all).toBeGreaterThan(2);
      await expect.poll(() => rows.count()).toBe(Math.min(all, 50));
      // Newest first: the sign-up notice went out after the verification email, and both after the rest.
      const [newest, older] = await rows.allInnerTexts();
      expect(newest).toContain(demo.customer.email);
      expect(newest).toContain('You already have a Live Shopping Network account');
      expect(newest).toContain('sign-up-attempt');
      expect(newest).toContain('sent');
      expect(older).toContain(demo.creator.email);
      expect(older).toContain('Confirm your email address for Live Shopping Network');
      expect(older).toContain('verify-email');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/mailpage-1280-list.png', fullPage: true });

      // The search follows the address, so a filtered list can be shared and survives a reload.
      await page.getByRole('searchbox', { name: 'Search' }).fill('cleo.creator');
      await page.waitForURL('**/console/mail?search=cleo.creator');
      const creators = await mailCount(demo.creator.email);
      expect(creators).toBeLessThan(all);
      await expect.poll(() => rows.count()).toBe(creators);
      await page.reload();
      expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('cleo.creator');
      for (const text of await rows.allInnerTexts()) expect(text).toContain(demo.creator.email);
      await page.getByRole('searchbox', { name: 'Search' }).fill('nobody-here');
      await page.getByText('No emails match “nobody-here”').waitFor();
      await page.getByRole('button', { name: 'Clear the search' }).click();
      await expect.poll(() => rows.count()).toBe(Math.min(all, 50));
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an email opens with its HTML in a sandboxed frame (no scripts, no same origin), links in a new tab, and its text part in a tab', async () => {
    const { context, page } = await pageAs(browser, demo.app, demo.admin);
    try {
      await page.goto('/console/mail');
      await listOf(page)
        .getByRole('link', { name: 'You already have a Live Shopping Network account' })
        .click();
      await page.waitForURL(`**/console/mail/${demo.mail.signUpAttempt}`);
      await page
        .getByRole('heading', { level: 1, name: 'You already have a Live Shopping Network account' })
        .waitFor();
      expect(await page.title()).toBe(
        'You already have a Live Shopping Network account · Live Shopping Network',
      );
      const details = await page.locator('dl').textContent();
      expect(details).toContain(demo.customer.email);
      expect(details).toMatch(/From\s*"?Live Shopping Network"? </);
      expect(details).toContain('to the mail catcher');

      const frame = frameOf(page);
      expect(await frame.getAttribute('sandbox')).toBe(sandbox);
      expect(await frame.getAttribute('srcdoc')).toContain('<base target="_blank">');
      const inside = page.frameLocator('iframe[title^="The email"]');
      await inside.getByRole('heading', { name: 'You already have an account' }).waitFor();
      // The message lives in an opaque origin: it cannot reach the console's cookies or the API as the viewer.
      const child = page.frames().find((f) => f !== page.mainFrame())!;
      expect(await child.evaluate(() => self.origin)).toBe('null');
      // A link opens in a new tab, outside the sandbox (the page it leads to needs its scripts). The
      // channel's PUBLIC_URL does not resolve here, so the browser is handed a stand-in page for it.
      await context.route(`${PUBLIC_URL}/**`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<title>Sign in</title>' }),
      );
      const [popup] = await Promise.all([
        page.waitForEvent('popup'),
        inside.getByRole('link', { name: 'Sign in' }).click(),
      ]);
      await popup.waitForLoadState();
      expect(popup.url()).toBe(`${PUBLIC_URL}/signin`);
      expect(await popup.evaluate(() => self.origin)).toBe(PUBLIC_URL);
      await popup.close();
      expect(page.url()).toContain(`/console/mail/${demo.mail.signUpAttempt}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/mailpage-1280-message.png', fullPage: true });

      await page.getByRole('tab', { name: 'Text' }).click();
      const text = page.getByRole('tabpanel', { name: 'Text' });
      await text.waitFor();
      expect(await text.textContent()).toContain(
        'Someone (hopefully you) just tried to create a Live Shopping',
      );
      expect(await text.getByRole('link', { name: `${PUBLIC_URL}/signin` }).getAttribute('target')).toBe(
        '_blank',
      );
      expect(await frame.count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/mailpage-1280-text.png', fullPage: true });
      // Arrow keys move along the tabs.
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('tabpanel', { name: 'HTML source' }).textContent()).toContain('<html');

      await page.getByRole('link', { name: 'All mail' }).click();
      await page.waitForURL('**/console/mail');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the page arrives server-rendered with the message; an id that names no email is a 404 page', async () => {
    const res = await demo.admin.client.request<string>('GET', `/console/mail/${demo.mail.verify}`);
    expect(res.status).toBe(200);
    const html = String(res.body);
    expect(html).toContain(
      '<title>Confirm your email address for Live Shopping Network · Live Shopping Network</title>',
    );
    expect(html).toMatch(new RegExp(`<iframe[^>]*sandbox="${sandbox}"`));
    // The message's markup is an attribute's text, never part of the console's own DOM.
    expect(html).toMatch(/srcdoc="&lt;/i);
    const missing = await demo.admin.client.request<string>(
      'GET',
      '/console/mail/0190f0c0-0000-7000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
    expect(String(missing.body)).toContain('There is no such email in this channel');
  });

  it('at 375 px the list and a message fit the phone, and pass axe', async () => {
    const { context, page } = await pageAs(browser, demo.app, demo.founder, { width: 375, height: 812 });
    try {
      await page.goto('/console/mail');
      await expect
        .poll(() => listOf(page).getByRole('listitem').count())
        .toBe(Math.min(await mailCount(), 50));
      expect(await pageScrollsSideways(page)).toBe(false);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/mailpage-375-list.png', fullPage: true });

      // The whole row opens the message, not only its subject: a tap on the recipient does.
      const box = (await listOf(page)
        .getByRole('listitem')
        .nth(1)
        .getByText(demo.creator.email)
        .boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForURL(`**/console/mail/${demo.mail.verify}`);
      await page
        .frameLocator('iframe[title^="The email"]')
        .getByRole('link', { name: 'Confirm my email' })
        .waitFor();
      expect(await pageScrollsSideways(page)).toBe(false);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/mailpage-375-message.png', fullPage: true });
      await page.getByRole('tab', { name: 'Text' }).click();
      await page.getByRole('tabpanel', { name: 'Text' }).waitFor();
      expect(await pageScrollsSideways(page)).toBe(false);
      await page.screenshot({ path: '/tmp/mailpage-375-text.png', fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('staff without mail.read, creators and shoppers are not offered Mail and get the no-access page at its address', async () => {
    // Support has the console but not mail.read.
    const support = await pageAs(browser, demo.app, demo.support);
    try {
      await support.page.goto('/console');
      const nav = support.page.getByRole('navigation', { name: 'Console navigation' });
      await nav.getByRole('link', { name: 'Users & roles' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Mail' }).count()).toBe(0);
      await support.page.goto(`/console/mail/${demo.mail.signUpAttempt}`);
      await support.page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
      expect(await support.page.getByRole('main').textContent()).toContain('mail.read');
      expect(await support.page.content()).not.toContain('You already have a');
    } finally {
      await support.context.close();
    }
    for (const who of [demo.support, demo.creator, demo.customer]) {
      for (const url of ['/console/mail', `/console/mail/${demo.mail.signUpAttempt}`]) {
        const res = await who.client.request<string>('GET', url);
        expect(res.status, `${who.email} at ${url}`).toBe(403);
        expect(String(res.body)).toContain('You don&#x27;t have access to this page');
        expect(String(res.body)).not.toContain('You already have a');
      }
    }
    const creator = await pageAs(browser, demo.app, demo.creator, { width: 375, height: 812 });
    try {
      await creator.page.goto('/console/mail');
      await creator.page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
      expect(await creator.page.getByRole('link', { name: 'Mail', exact: true }).count()).toBe(0);
    } finally {
      await creator.context.close();
    }
  }, 60_000);
});
