import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/platform/auth';
import { inTransaction, systemActor } from '../../src/platform/context';
import { grantRoleBySystem } from '../../src/platform/users';
import { startTestApp, type TestApp } from '../helpers/app';
import { lastMailTo, linkToken } from '../helpers/mail';
import { ensureWebBuilt, launchChromium, seriousAxeViolations } from './browser';

const FOUNDER = { email: 'founder@journey.test', password: 'founder-journey-password' };
const SHOPPER = { name: 'Sam Shopper', email: 'sam@journey.test', password: 'sam-journey-password' };

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  app = await startTestApp({ db: 'pglite' });
  // The founder exists before anyone signs up, as on a real first start (created the way seeding does).
  const ctx = {
    db: app.platform.db,
    actor: systemActor(),
    channelId: app.platform.defaultChannelId,
    requestId: 'e2e-setup',
    clock: app.platform.clock,
  };
  await inTransaction(ctx, async (tx) => {
    const founder = await createUser(tx.db, {
      email: FOUNDER.email,
      password: FOUNDER.password,
      displayName: 'Fran Founder',
      homeChannelId: ctx.channelId,
    });
    await grantRoleBySystem(tx, founder.id, 'founder');
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('web journey', () => {
  it('the storefront home is server-rendered with the channel and a sign-up call to action, state as inert JSON', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Live Shopping Network</h1>');
    expect(html).toContain('Create your account');
    expect(html).toContain('Live now &amp; upcoming');
    expect(html).toMatch(/<script type="application\/json" id="lsn-state">/);
    // The CSP forbids inline scripts: every executable script is an external file.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? [])
      expect(tag).toMatch(/type="application\/json"|src="\/assets\//);
    // Unknown API addresses stay JSON 404s; unknown pages get the app's 404 page.
    const api = await fetch(`${app.url}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    const missing = await fetch(`${app.url}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('This page does not exist');
  });

  it('sign up, sign in, the founder grants support, the audit shows it, support sees users but not jobs', async () => {
    const shopper = await newPage();
    const founder = await newPage();
    try {
      const { page } = shopper;
      // Sign up, then follow the link from the confirmation email (read from the mail catcher): signed in.
      await page.goto('/signup');
      await page.getByLabel('Your name').fill(SHOPPER.name);
      await page.getByLabel('Email', { exact: true }).fill(SHOPPER.email);
      await page.getByLabel('Password', { exact: true }).fill(SHOPPER.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      const token = linkToken(await lastMailTo(app, SHOPPER.email, 'verify-email'), '/verify-email');
      await page.goto(`/verify-email?token=${token}`);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/account');
      await expect.poll(() => page.getByRole('heading', { name: 'Your account' }).isVisible()).toBe(true);
      // The name can be changed in place; the header shows the new one.
      await page.getByLabel('Name', { exact: true }).fill(`${SHOPPER.name} Renamed`);
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByText('Saved.').waitFor();
      await page.getByRole('banner').getByText(`${SHOPPER.name} Renamed`).waitFor();

      // Sign out, then open a console page: sent to sign in, and back to the page afterwards.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/console/users');
      expect(new URL(page.url()).pathname).toBe('/signin');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/console/users');
      await signIn(page, SHOPPER);
      await page.waitForURL('**/console/users');
      // A customer may not open the console at all.
      await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();

      // The founder grants the support role from the users page.
      const f = founder.page;
      await f.goto('/signin?next=/console/users');
      await signIn(f, FOUNDER);
      await f.waitForURL('**/console/users');
      await f.getByLabel('Search').fill(SHOPPER.email);
      const grant = f.getByLabel(`Role to grant to ${SHOPPER.email}`);
      await grant.waitFor();
      // Founder-only roles are offered to the founder.
      expect(await grant.locator('option').allTextContents()).toEqual(
        expect.arrayContaining(['admin', 'support']),
      );
      await grant.selectOption('support');
      await f
        .getByRole('form', { name: `Grant a role to ${SHOPPER.email}` })
        .getByRole('button', { name: 'Grant' })
        .click();
      await f.getByRole('button', { name: `Remove role support from ${SHOPPER.email}` }).waitFor();

      // The audit viewer shows the grant, by the founder, and the chain verifies.
      await f.getByRole('link', { name: 'Audit log' }).click();
      await f.waitForURL('**/console/audit');
      const row = f.getByRole('row').filter({ hasText: FOUNDER.email }).filter({ hasText: 'roles.assign' });
      await row.first().waitFor();
      await f.getByText(/Chain intact/).waitFor();
      await f.getByLabel('Action').fill('roles.remove');
      await f.getByRole('button', { name: 'Apply filters' }).click();
      await f.getByText('No entries match').waitFor();
      // Filtering by the actor's email (any case); clicking an actor narrows the list to them.
      await f.getByRole('button', { name: 'Clear' }).click();
      await f.getByLabel('Actor').fill(SHOPPER.email.toUpperCase());
      await f.getByRole('button', { name: 'Apply filters' }).click();
      // The shopper's entries are their own sign-ins and sign-outs (security events): no role changes.
      await expect.poll(() => f.getByRole('row').filter({ hasText: 'roles.assign' }).count()).toBe(0);
      await f.getByRole('row').filter({ hasText: 'auth.signIn' }).first().waitFor();
      await f.getByLabel('Actor').fill(FOUNDER.email.toUpperCase());
      await f.getByRole('button', { name: 'Apply filters' }).click();
      await row.first().waitFor();
      await f.getByRole('button', { name: 'Clear' }).click();
      await row.first().getByRole('button', { name: FOUNDER.email }).click();
      expect(await f.getByLabel('Actor').inputValue()).toBe(FOUNDER.email);
      await row.first().waitFor();

      // The founder may open the jobs page: queues with counts, and each queue's failed and dead jobs.
      await f.getByRole('link', { name: 'Jobs' }).click();
      await f
        .getByRole('cell', { name: /^audit\.verify/ })
        .first()
        .waitFor();
      await f.getByRole('link', { name: 'audit.verify', exact: true }).click();
      await f.waitForURL('**/console/jobs/audit.verify');
      await f
        .getByRole('region', { name: 'Dead letters (gave up) in audit.verify' })
        .getByText('None')
        .waitFor();

      // Support now opens the users page, and is refused the jobs page (403, with a clear message).
      await page.reload();
      await page.getByRole('heading', { name: 'Users & roles' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Console navigation' });
      expect(await nav.getByRole('link').allTextContents()).toEqual([
        'Overview',
        'Products',
        'Categories',
        'Users & roles',
      ]);
      // Support may read users but not change roles: no grant controls.
      expect(await page.getByText('Changing roles needs the roles.assign permission').isVisible()).toBe(true);
      const jobs = await page.goto('/console/jobs');
      expect(jobs?.status()).toBe(403);
      await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();

      // The console home (as support) has no serious or critical accessibility problems.
      await page.goto('/console');
      await page.getByRole('heading', { name: 'Staff console' }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await shopper.context.close();
      await founder.context.close();
    }
  }, 120_000);

  it('the sign-in page has no serious or critical accessibility problems, and wrong passwords are answered', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/signin');
      await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await signIn(page, { email: FOUNDER.email, password: 'not-the-password' });
      await page.getByRole('alert').waitFor();
      expect(new URL(page.url()).pathname).toBe('/signin');
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
