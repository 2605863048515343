import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { lastMailTo, linkToken, mailTo } from '../helpers/mail';
import { ensureWebBuilt, launchChromium, seriousAxeViolations } from './browser';

const NEWCOMER = { name: 'Nia Newcomer', email: 'nia@email-flows.test', password: 'nia-first-passphrase-31' };
const NEW_PASSWORD = 'nia-second-passphrase-47';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  app = await startTestApp({ db: 'pglite' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A phone-sized browser: every page of these flows must fit 375 px without scrolling sideways. */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 375, height: 812 } });
  return { context, page: await context.newPage() };
}

const fitsThePhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

/** The link's path as the email gives it, opened on the test server (emails link to the channel's address). */
async function linkFromMail(to: string, template: string, path: string): Promise<string> {
  return `${path}?token=${linkToken(await lastMailTo(app, to, template), path)}`;
}

describe('account emails in the browser', () => {
  it('sign up → check your email → follow the link from the mail catcher → signed in; then forgot password → reset → signed in', async () => {
    const { context, page } = await phone();
    try {
      await page.goto('/signup');
      await page.getByLabel('Your name').fill(NEWCOMER.name);
      await page.getByLabel('Email', { exact: true }).fill(NEWCOMER.email);
      await page.getByLabel('Password', { exact: true }).fill(NEWCOMER.password);
      await page.getByRole('button', { name: 'Create account' }).click();

      // Nobody is signed in yet: the page says where the link went and offers to send it again.
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain(NEWCOMER.email);
      await fitsThePhone(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'send it again' }).click();
      await page.getByText('Sent again.').waitFor();
      expect(await mailTo(app, NEWCOMER.email, 'verify-email')).toHaveLength(2);
      expect((await page.context().cookies()).some((c) => c.name === 'lsn_session')).toBe(false);

      // The link creates the account and signs in; a shopper lands on the home page.
      await page.goto(await linkFromMail(NEWCOMER.email, 'verify-email', '/verify-email'));
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('banner').getByText(NEWCOMER.name).waitFor();
      await page.goto('/account');
      await page.getByRole('heading', { name: 'Your account' }).waitFor();

      // Signed out, the password forgotten: "Forgot password?" on the sign-in page.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/signin');
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.waitForURL('**/forgot-password');
      await page.getByLabel('Email', { exact: true }).fill(NEWCOMER.email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain(NEWCOMER.email);
      await fitsThePhone(page);

      await page.goto(await linkFromMail(NEWCOMER.email, 'reset-password', '/reset-password'));
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await fitsThePhone(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
      // Strength is judged as everywhere else, in people's words.
      await page.getByLabel('New password').fill(NEWCOMER.email);
      await page.getByLabel('Repeat the password').fill(NEWCOMER.email);
      await page.getByRole('button', { name: 'Save and sign in' }).click();
      await page.getByText(/too easy to guess/).waitFor();
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByLabel('Repeat the password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save and sign in' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('banner').getByText(NEWCOMER.name).waitFor();

      // The link worked once: opened again, it says so in plain words.
      await page.goto(await linkFromMail(NEWCOMER.email, 'reset-password', '/reset-password'));
      await page.getByLabel('New password').fill('yet-another-passphrase-58');
      await page.getByLabel('Repeat the password').fill('yet-another-passphrase-58');
      await page.getByRole('button', { name: 'Save and sign in' }).click();
      await page.getByText('This link has expired or was already used. Ask for a new one.').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a dead confirmation link says what to do, at 375 px', async () => {
    const { context, page } = await phone();
    try {
      await page.goto(`/verify-email?token=${'A'.repeat(43)}`);
      await page.getByRole('heading', { name: 'We could not confirm your address' }).waitFor();
      await page.getByText(/This link has expired or was already used/).waitFor();
      await fitsThePhone(page);
    } finally {
      await context.close();
    }
  }, 60_000);
});
