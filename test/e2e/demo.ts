import { inArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inTransaction } from '../../src/platform/context';
import {
  type EmailTemplate,
  emailMessages,
  sendEmail,
  signUpAttemptEmail,
  verifyEmail,
} from '../../src/platform/email';
import type { QueueDefinition } from '../../src/platform/jobs';
import { defineModule, type Role } from '../../src/platform/kit';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { signUpAs, systemCtx } from '../helpers/users';
import { waitFor } from '../helpers/wait-for';

export const PUBLIC_URL = 'http://shop.example.test';

export interface Person {
  client: TestClient;
  userId: string;
  email: string;
  password: string;
}

export interface Demo {
  app: TestApp;
  founder: Person;
  admin: Person;
  support: Person;
  creator: Person;
  customer: Person;
  /** Emails the product sent (through sendEmail, to the mail catcher), by what they are. */
  mail: { signUpAttempt: string; verify: string };
}

/** A supplier sync that always fails, so the jobs page has a failed job and a dead letter to show. */
const supplierSync: QueueDefinition<{ sku: string }> = {
  name: 'demo.supplier-sync',
  description: 'Pulls stock levels from a supplier (fails in the demo)',
  handler: async () => {
    throw new Error(
      'Supplier API answered 503 Service Unavailable after 30 s: {"error":"upstream_timeout","detail":"the warehouse system did not answer; try again later","request":"c0ffee00-dead-beef-0000-123456789abc"}',
    );
  },
  retryLimit: 0,
  retryDelay: 1,
  retryBackoff: false,
  expireInSeconds: 30,
};

/** Sends an email the way the product does: inside a transaction, delivered by the email job. */
async function send<D extends object>(app: TestApp, to: string, template: EmailTemplate<D>, data: D) {
  const { messageId } = await inTransaction(systemCtx(app), (tx) => sendEmail(tx, { to, template, data }));
  return messageId;
}

async function person(app: TestApp, roles: Role[], email: string): Promise<Person> {
  return signUpAs(app, roles, { email });
}

/**
 * The product with data like a demo's: a founder with an API key and two sessions, staff and a creator,
 * role changes in the audit log, a job that failed and went to the dead-letter queue, two emails in the
 * mail catcher.
 */
export async function startDemo(): Promise<Demo> {
  const app = await startTestApp({
    db: 'pglite',
    env: { PUBLIC_URL },
    modules: [defineModule({ name: 'demo', description: 'A failing supplier sync', queues: [supplierSync] })],
  });
  const founder = await person(app, ['founder'], 'fran.founder@demo.test');
  const admin = await person(app, ['admin'], 'ada.admin@demo.test');
  const support = await person(app, [], 'sam.support@demo.test');
  const creator = await person(app, ['creator'], 'cleo.creator@demo.test');
  const customer = await person(app, [], 'cam.customer@demo.test');
  // Granted by the founder through the API, so the audit log has entries by a person.
  await founder.client.mutate('users.assignRole', { userId: support.userId, role: 'support' });
  await founder.client.mutate('users.assignRole', { userId: customer.userId, role: 'finance' });
  await founder.client.mutate('users.removeRole', { userId: customer.userId, role: 'finance' });
  const key = await founder.client.mutate('apiKeys.create', { name: 'CI deploy', scopes: ['audit.read'] });
  if (key.status !== 200) throw new Error(`API key: ${JSON.stringify(key.body)}`);
  // A second session for the founder, from "another device".
  await app
    .client({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' })
    .mutate('auth.signIn', { email: founder.email, password: founder.password });
  await app.platform.jobs.send(supplierSync, { sku: 'SKU-1' });
  await waitFor('the supplier sync to fail and be dead-lettered', async () => {
    const q = (await app.platform.jobs.queues()).find((x) => x.name === supplierSync.name);
    return q && q.dead > 0 && q.failed > 0;
  });
  const mail = {
    verify: await send(app, creator.email, verifyEmail, {
      name: 'Cleo',
      verifyPath: '/verify-email?token=demo-token-not-real',
      expiresInMinutes: 60 * 24,
    }),
    signUpAttempt: await send(app, customer.email, signUpAttemptEmail, {
      name: 'Cam',
      signInPath: '/signin',
      resetPath: '/forgot-password',
    }),
  };
  await waitFor('the emails to reach the mail catcher', async () => {
    const rows = await app.platform.db
      .select({ status: emailMessages.status })
      .from(emailMessages)
      .where(inArray(emailMessages.id, Object.values(mail)));
    return rows.length === 2 && rows.every((r) => r.status === 'sent');
  });
  return { app, founder, admin, support, creator, customer, mail };
}

/** A browser context at a size with `who`'s session (taken from their API client), on no page yet. */
export async function pageAs(
  browser: Browser,
  app: TestApp,
  who: Person | null,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: app.url, viewport });
  const session = who?.client.cookies.get('lsn_session');
  if (session) await context.addCookies([{ name: 'lsn_session', value: session, url: app.url }]);
  return { context, page: await context.newPage() };
}

/** A browser context at a size, signed in as `who` through the sign-in page. */
export async function signedInPage(
  browser: Browser,
  app: TestApp,
  who: { email: string; password: string } | null,
  viewport = { width: 1280, height: 900 },
  where: { timezoneId?: string; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: app.url, viewport, ...where });
  const page = await context.newPage();
  if (who) {
    await page.goto('/signin');
    await page.getByLabel('Email', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname !== '/signin');
  }
  return { context, page };
}
