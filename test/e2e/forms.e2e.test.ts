import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_MIN } from '../../src/platform/auth/credentials';
import { signUpAs } from '../helpers/users';
import { ensureWebBuilt, launchChromium, seriousAxeViolations } from './browser';
import { type Demo, pageAs, startDemo } from './demo';

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

/** The message a field shows (its aria-describedby error), or null. */
async function errorOf(page: Page, label: string): Promise<string | null> {
  const input = page.getByLabel(label, { exact: true });
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const id = ids.find((i) => i.endsWith('-error'));
  return id ? page.locator(`[id="${id}"]`).textContent() : null;
}

async function signInThroughHeader(page: Page, who: { email: string; password: string }) {
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await page.waitForURL('**/signin');
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => u.pathname !== '/signin');
}

describe('forms and destructive actions', () => {
  it("sign-up shows every field's problem at once in people's words; a field's message goes when it changes", async () => {
    const { context, page } = await pageAs(browser, demo.app, null, { width: 375, height: 812 });
    try {
      await page.goto('/signup');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => errorOf(page, 'Email')).toBe('Enter your email address');
      expect(await errorOf(page, 'Your name')).toBe('Enter a name');
      expect(await errorOf(page, 'Password')).toBe('Enter a password');
      expect(await page.getByRole('main').textContent()).not.toMatch(/Too small|expected string|>=/);

      // Typing in a field takes its message away; the others stay until the next submit.
      await page.getByLabel('Email', { exact: true }).fill('new.shopper@demo.test');
      expect(await errorOf(page, 'Email')).toBeNull();
      expect(await errorOf(page, 'Your name')).toBe('Enter a name');

      // The next submit starts afresh: only what is still wrong is shown.
      await page.getByLabel('Your name').fill('New Shopper');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => errorOf(page, 'Password')).toBe(`Use at least ${PASSWORD_MIN} characters`);
      expect(await errorOf(page, 'Your name')).toBeNull();
      expect(await errorOf(page, 'Email')).toBeNull();
      // A rule the service checks itself reads the same way.
      await page.getByLabel('Email', { exact: true }).fill('not-an-email');
      await page.getByLabel('Password', { exact: true }).fill('a-long-enough-passphrase');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => errorOf(page, 'Email')).toBe('That is not a valid email address');
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the API key form and the password change read the same way', async () => {
    const { context, page } = await pageAs(browser, demo.app, demo.founder);
    const customer = await pageAs(browser, demo.app, demo.customer);
    try {
      await page.goto('/account/api-keys');
      await page.getByRole('button', { name: 'Create key' }).click();
      await expect.poll(() => errorOf(page, 'Name')).toBe('Enter a name');
      expect(await page.locator('#scopes-error').textContent()).toBe('Choose at least one scope');
      await page.getByLabel('audit.read').check();
      await expect.poll(() => page.locator('#scopes-error').count()).toBe(0);

      const p = customer.page;
      await p.goto('/account');
      await p.getByLabel('Current password').fill('not-my-password');
      await p.getByLabel('New password', { exact: true }).fill('short');
      await p.getByLabel('Repeat new password').fill('short');
      await p.getByRole('button', { name: 'Change password' }).click();
      await expect.poll(() => errorOf(p, 'New password')).toBe(`Use at least ${PASSWORD_MIN} characters`);
      await p.getByLabel('New password', { exact: true }).fill('a-long-enough-passphrase');
      await p.getByLabel('Repeat new password').fill('a-long-enough-passphrase');
      await p.getByRole('button', { name: 'Change password' }).click();
      await expect.poll(() => errorOf(p, 'Current password')).toBe('That is not your current password');
      expect(await errorOf(p, 'New password')).toBeNull();
    } finally {
      await Promise.all([context.close(), customer.context.close()]);
    }
  }, 60_000);

  it('revoking a key and signing out sessions ask first, naming what will happen; Cancel and Escape change nothing', async () => {
    const { context, page } = await pageAs(browser, demo.app, demo.founder, { width: 375, height: 812 });
    try {
      await page.goto('/account/api-keys');
      const revoke = page.getByRole('button', { name: 'Revoke key CI deploy' });
      await revoke.click();
      const dialog = page.getByRole('alertdialog', { name: 'Revoke the key ‘CI deploy’?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Programs using it will stop working at once.');
      // The safe choice has the focus.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/shots/375-confirm-revoke-key.png' });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await revoke.click();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const keys = async () => (await demo.founder.client.query('apiKeys.list')).data.keys;
      expect((await keys())[0].revokedAt).toBeNull();

      await revoke.click();
      await dialog.getByRole('button', { name: 'Revoke key' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Revoked', { exact: true }).waitFor();
      expect((await keys())[0].revokedAt).not.toBeNull();

      // Sessions: one other device, then every other session.
      await page.goto('/account/sessions');
      const other = page.getByRole('button', { name: /^Sign out Chrome on Linux, signed in/ });
      await other.click();
      const one = page.getByRole('alertdialog', { name: /^Sign out Chrome on Linux, signed in .+\?$/ });
      expect(await one.textContent()).toContain('will have to sign in again. This one stays signed in.');
      await one.getByRole('button', { name: 'Cancel' }).click();
      await one.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
      const all = page.getByRole('alertdialog', {
        name: /^Sign out (the other session|all \d+ other sessions)\?$/,
      });
      await all.getByRole('button', { name: 'Sign out everywhere else' }).click();
      await page.getByText(/Signed out \d+ other sessions?\./).waitFor();
      expect(await other.count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('role controls the server would refuse are not offered, and removing a role asks first', async () => {
    const second = await signUpAs(demo.app, ['founder'], { email: 'fay.founder@demo.test' });
    const founder = await pageAs(browser, demo.app, demo.founder);
    const admin = await pageAs(browser, demo.app, demo.admin);
    const removeButtons = (page: Page, email: string) =>
      page.getByRole('list', { name: `Roles of ${email}` }).getByRole('button');
    try {
      const f = founder.page;
      await f.goto('/console/users');
      await f.getByRole('list', { name: `Roles of ${demo.founder.email}` }).waitFor();
      // Nobody changes their own roles: no controls on your own row.
      expect(await removeButtons(f, demo.founder.email).count()).toBe(0);
      expect(await f.getByRole('form', { name: `Grant a role to ${demo.founder.email}` }).count()).toBe(0);
      // A founder may remove another founder while the channel keeps one, and offers the privileged roles.
      expect(await removeButtons(f, second.email).allTextContents()).toHaveLength(1);
      const grant = f.getByLabel(`Role to grant to ${demo.support.email}`);
      expect(await grant.locator('option').allTextContents()).toEqual(
        expect.arrayContaining(['admin', 'founder']),
      );

      await f.getByRole('button', { name: `Remove role support from ${demo.support.email}` }).click();
      const dialog = f.getByRole('alertdialog', {
        name: `Remove the role ‘support’ from ${demo.support.email}?`,
      });
      expect(await dialog.textContent()).toContain('They lose what the role lets them do at once');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await demo.founder.client.query('users.list', { role: 'support' })).data.users).toHaveLength(1);
      await f.getByRole('button', { name: `Remove role support from ${demo.support.email}` }).click();
      await dialog.getByRole('button', { name: 'Remove role' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect
        .poll(async () => (await demo.founder.client.query('users.list', { role: 'support' })).data.users)
        .toHaveLength(0);

      // An admin holds roles.assign but not roles.assignPrivileged: no founder or admin controls at all.
      const a = admin.page;
      await a.goto('/console/users');
      await a.getByRole('list', { name: `Roles of ${demo.founder.email}` }).waitFor();
      expect(await removeButtons(a, demo.founder.email).count()).toBe(0);
      expect(await removeButtons(a, second.email).count()).toBe(0);
      expect(await removeButtons(a, demo.admin.email).count()).toBe(0);
      expect(await removeButtons(a, demo.creator.email).allTextContents()).toHaveLength(1);
      const offered = await a
        .getByLabel(`Role to grant to ${demo.creator.email}`)
        .locator('option')
        .allTextContents();
      expect(offered).not.toContain('admin');
      expect(offered).not.toContain('founder');
      expect(offered).toContain('support');
    } finally {
      await Promise.all([founder.context.close(), admin.context.close()]);
    }
  }, 60_000);

  it('staff land on the console after signing in, creators on the studio, others back where they came from', async () => {
    for (const [who, from, lands] of [
      [demo.admin, '/', '/console'],
      [demo.creator, '/', '/studio'],
      [demo.customer, '/an/old/link', '/an/old/link'],
    ] as const) {
      const { context, page } = await pageAs(browser, demo.app, null);
      try {
        await page.goto(from);
        await signInThroughHeader(page, who);
        expect(new URL(page.url()).pathname).toBe(lands);
      } finally {
        await context.close();
      }
    }
  }, 60_000);
});
