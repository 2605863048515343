import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { lastMailTo, linkToken } from '../helpers/mail';
import { ensureWebBuilt, launchChromium } from './browser';

let app: TestApp;
let browser: Browser;
let origin: string;

/** WebAuthn checks the page's origin against PUBLIC_URL, so the port must be known before start. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  ensureWebBuilt();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  app = await startTestApp({ db: 'pglite', env: { PORT: String(port), PUBLIC_URL: origin } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('a user adds a passkey on the account page, signs out, signs back in with it, and removes it after confirming', async () => {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  try {
    // A platform authenticator that says yes, as a laptop's fingerprint reader would.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto('/signup?next=/account/passkeys');
    await page.getByLabel('Your name').fill('Pat Passkey');
    await page.getByLabel('Email', { exact: true }).fill('pat@passkey.test');
    await page.getByLabel('Password', { exact: true }).fill('pat-passkey-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const token = linkToken(await lastMailTo(app, 'pat@passkey.test', 'verify-email'), '/verify-email');
    await page.goto(`/verify-email?token=${token}`);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/account/passkeys');
    await page.getByLabel('Name', { exact: true }).fill('Test laptop');
    await page.getByRole('button', { name: 'Add passkey' }).click();
    await page.getByText('Passkey added').waitFor();
    await page.getByText('Test laptop').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/signin?next=/account');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(await page.getByText('pat@passkey.test').first().isVisible()).toBe(true);

    // Removing it asks first, naming what will happen.
    await page.goto('/account/passkeys');
    await page.getByRole('button', { name: 'Remove passkey Test laptop' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove the passkey ‘Test laptop’?' });
    expect(await dialog.textContent()).toContain('You will no longer be able to sign in with it.');
    await dialog.getByRole('button', { name: 'Remove passkey' }).click();
    await page.getByText('No passkeys yet').waitFor();
  } finally {
    await context.close();
  }
}, 60_000);
