// The product on a throwaway database, in its own process; prints its URL and a signed-in session cookie.
import { and, eq } from 'drizzle-orm';
import { start } from '../../src/app';
import { loadConfig } from '../../src/platform/config';
import { emailMessages } from '../../src/platform/email';
import { createTestPglite, createTestPostgres } from '../../test/helpers/db';

const db = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const database = db === 'postgres' ? await createTestPostgres() : await createTestPglite();
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'false',
  RATE_LIMIT_PER_MINUTE: '100000000',
  // On PostgreSQL this is an API node (workers run as their own nodes); the embedded database keeps both in one process.
  ROLES: db === 'postgres' ? 'api' : 'api,worker',
  ...(db === 'postgres' ? { DATABASE_URL: database.url } : {}),
});
const running = await start(config, { database, migrated: true });
const url = running.url!.replace('0.0.0.0', '127.0.0.1');

// Sign up through the API like a browser would, keeping the cookies, then follow the confirmation link
// from the mail catcher (the account is created, and signed in, by the link).
const first = await fetch(`${url}/trpc/system.ping`);
const csrf = /lsn_csrf=([^;]+)/.exec(first.headers.getSetCookie().join(';'))![1]!;
const post = (path: string, body: unknown) =>
  fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `lsn_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
const email = 'bench@lsn.local';
const signedUp = await post('auth.signUp', { email, password: 'bench-password-123', displayName: 'Bench' });
if (!signedUp.ok) throw new Error(`sign-up failed: ${signedUp.status} ${await signedUp.text()}`);
const [mail] = await running.platform.db
  .select({ text: emailMessages.text })
  .from(emailMessages)
  .where(and(eq(emailMessages.toAddress, email), eq(emailMessages.template, 'verify-email')));
const token = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
if (!token) throw new Error('no confirmation email for the bench account');
const res = await post('auth.verifyEmail', { token });
if (!res.ok) throw new Error(`confirming the address failed: ${res.status} ${await res.text()}`);
const session = res.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .find((c) => c!.startsWith('lsn_session='));
console.log(JSON.stringify({ url, cookie: `${session}; lsn_csrf=${csrf}` }));

const stop = async () => {
  await running.stop();
  await database.drop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
