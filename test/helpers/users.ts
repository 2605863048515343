import { and, eq } from 'drizzle-orm';
import { roleAssignments } from '../../src/platform/access';
import { createSession, createUser } from '../../src/platform/auth';
import { inTransaction, systemActor } from '../../src/platform/context';
import type { Role } from '../../src/platform/kit';
import type { TestApp, TestClient } from './app';
import { lastMailTo, linkToken } from './mail';

let counter = 0;

/**
 * Signs a new user up the way a person does: the sign-up form, then the link in the confirmation email
 * (read from the mail catcher), followed in the same browser, which creates the account and signs it in.
 * Then gives them roles in the channel (straight in the table).
 */
export async function signUpAs(
  app: TestApp,
  roles: Role[] = [],
  opts: { channelId?: string; client?: TestClient; email?: string } = {},
): Promise<{ client: TestClient; userId: string; email: string; password: string }> {
  const client = opts.client ?? app.client();
  const email = opts.email ?? `user${++counter}-${Date.now().toString(36)}@example.test`;
  const password = 'correct-horse-battery-staple';
  const res = await client.mutate('auth.signUp', { email, password, displayName: `User ${counter}` });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
  const verified = await client.mutate('auth.verifyEmail', { token });
  if (verified.status !== 200)
    throw new Error(`confirming the address failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  const userId: string = verified.data.user.id;
  const channelId = opts.channelId ?? app.platform.defaultChannelId;
  for (const role of roles) {
    await app.platform.db.insert(roleAssignments).values({ channelId, userId, role }).onConflictDoNothing();
  }
  return { client, userId, email, password };
}

export async function rolesOf(app: TestApp, userId: string, channelId = app.platform.defaultChannelId) {
  const rows = await app.platform.db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.channelId, channelId)));
  return rows.map((r) => r.role).sort();
}

/** A context acting as the platform itself in a channel: for test set-up through the services. */
export const systemCtx = (app: TestApp, channelId = app.platform.defaultChannelId) => ({
  db: app.platform.db,
  actor: systemActor(),
  channelId,
  requestId: 'test-setup',
  clock: app.platform.clock,
  platform: app.platform,
});

/**
 * Creates an account through the auth service (no HTTP, no sign-up throttle) with roles in its home
 * channel. Without a password no scrypt hash is computed, which keeps suites that need many accounts fast.
 */
export async function createAccount(
  app: TestApp,
  opts: { channelId?: string; roles?: Role[]; email?: string; displayName?: string; password?: string } = {},
): Promise<{ userId: string; email: string; password: string | null }> {
  const channelId = opts.channelId ?? app.platform.defaultChannelId;
  const n = ++counter;
  const email = opts.email ?? `account${n}-${Date.now().toString(36)}@example.test`;
  const user = await createUser(app.platform.db, {
    email,
    password: opts.password ?? null,
    displayName: opts.displayName ?? `Account ${n}`,
    homeChannelId: channelId,
  });
  for (const role of opts.roles ?? [])
    await app.platform.db
      .insert(roleAssignments)
      .values({ channelId, userId: user.id, role })
      .onConflictDoNothing();
  return { userId: user.id, email: user.email, password: opts.password ?? null };
}

/**
 * Signs the user in without the password endpoint: a session opened straight through the auth service
 * (no throttle, no scrypt), handed back as a client carrying its cookie. `host` picks the channel.
 */
export async function sessionFor(
  app: TestApp,
  userId: string,
  opts: { host?: string } = {},
): Promise<{ client: TestClient; sessionId: string }> {
  const session = await openSession(app, userId);
  const client = app.client(opts.host ? { host: opts.host } : {});
  client.cookies.set(app.platform.identity.sessionCookie, session.token);
  return { client, sessionId: session.id };
}

/** A new session for the user, made through the auth service: its id and the cookie's token. */
export function openSession(app: TestApp, userId: string): Promise<{ id: string; token: string }> {
  return inTransaction(systemCtx(app), (tx) => createSession(tx, userId, { userAgent: 'lsn-tests' }));
}
