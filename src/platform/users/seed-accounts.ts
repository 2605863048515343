import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
  createUser,
  findUserByEmail,
  hasLiveAccountToken,
  issueAccountToken,
  SET_PASSWORD_TTL_MS,
} from '../auth';
import { users } from '../auth/schema';
import { inTransaction } from '../context';
import { founderSetPasswordEmail, sendEmail } from '../email';
import { AppError } from '../errors';
import type { Role, SeedContext, Seeder } from '../kit';
import { grantRoleBySystem } from './change-role';

const DEMO_ROLES: Role[] = ['admin', 'support', 'trust_safety', 'finance', 'ops', 'creator', 'customer'];
const EXTRA_CUSTOMERS = 5;

const line = (email: string, password: string, note: string) =>
  `${email.padEnd(24)} ${password.padEnd(28)} ${note}`;

/**
 * Creates the account unless it exists, and grants the role, in one transaction. Returns false when
 * the account was already there (or another process created it a moment ago): nothing to announce.
 */
async function ensureAccount(
  seed: SeedContext,
  account: {
    email: string;
    /** Null: no password until the person sets one through a one-time link. */
    password: string | null;
    displayName: string;
    role?: Role;
    mustChangePassword?: boolean;
  },
): Promise<boolean> {
  const ctx = seed.ctx;
  if (await findUserByEmail(ctx.db, account.email)) return false;
  try {
    await inTransaction(ctx, async (tx) => {
      const user = await createUser(tx.db, {
        email: account.email,
        password: account.password,
        displayName: account.displayName,
        homeChannelId: ctx.channelId,
        mustChangePassword: account.mustChangePassword ? ctx.clock.now() : null,
        // The product's own accounts: their addresses are the deployment's, not someone's to prove.
        emailVerifiedAt: ctx.clock.now(),
      });
      if (account.role && account.role !== 'customer') await grantRoleBySystem(tx, user.id, account.role);
    });
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return false;
    throw err;
  }
}

const title = (role: string) =>
  role
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' & ');

/**
 * In production the founder gets no password at all: a one-time link (24 h, single use, only its hash
 * stored) lets them choose one, so no password ever reaches the logs. The link is printed when the
 * founder is created, and again (a new one) by a later start or `npm run seed` while the founder has
 * still set no password and no link is live. The founder row is locked while deciding, so two nodes
 * starting together print one link between them.
 */
async function ensureFounderLink(seed: SeedContext): Promise<void> {
  const { config } = seed.platform;
  const founderEmail = config.FOUNDER_EMAIL;
  await ensureAccount(seed, {
    email: founderEmail,
    password: null,
    displayName: 'Founder',
    role: 'founder',
  });
  const link = await inTransaction({ ...seed.ctx, platform: seed.platform }, async (tx) => {
    const [founder] = await tx.db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        passwordHash: users.passwordHash,
      })
      .from(users)
      .where(eq(sql`lower(${users.email})`, founderEmail))
      .for('update');
    if (!founder || founder.passwordHash) return null;
    if (await hasLiveAccountToken(tx, founder.id, 'set_password')) return null;
    const link = await issueAccountToken(tx, {
      userId: founder.id,
      purpose: 'set_password',
      ttlMs: SET_PASSWORD_TTL_MS,
    });
    // With a real mail server the founder also gets the link by email (sent only if this commits).
    if (config.SMTP_URL)
      await sendEmail(tx, {
        to: founder.email,
        template: founderSetPasswordEmail,
        data: {
          name: founder.displayName,
          setPasswordPath: `/set-password?token=${link.token}`,
          expiresInMinutes: SET_PASSWORD_TTL_MS / 60_000,
        },
      });
    return link;
  });
  if (!link) return;
  const url = new URL('/set-password', config.PUBLIC_URL);
  url.searchParams.set('token', link.token);
  seed.announce(
    `${founderEmail}  choose the founder's password (once, until ${link.expiresAt.toISOString()}):`,
  );
  if (config.SMTP_URL) seed.announce(`  (also emailed to ${founderEmail})`);
  seed.announce(`  ${url.toString()}`);
}

/** The default channel's founder (always), one demo account per role (demo), more customers (seed command). */
export const accountsSeeder: Seeder = {
  name: 'platform.accounts',
  async run(seed) {
    if (seed.platform.config.NODE_ENV === 'production') await ensureFounderLink(seed);
    else await ensureFounderWithPassword(seed);
    if (!seed.demo) return;
    for (const role of DEMO_ROLES) {
      const password = `demo-${role}-password`;
      const email = `${role}@lsn.local`;
      if (await ensureAccount(seed, { email, password, displayName: `Demo ${title(role)}`, role }))
        seed.announce(line(email, password, 'demo account'));
    }
    if (!seed.more) return;
    for (let i = 1; i <= EXTRA_CUSTOMERS; i++) {
      const email = `customer${i}@lsn.local`;
      const password = 'demo-customer-password';
      if (await ensureAccount(seed, { email, password, displayName: `Demo Customer ${i}` }))
        seed.announce(line(email, password, 'demo account'));
    }
  },
};

/** Outside production: a random first-run password, printed once, that must be changed at first sign-in. */
async function ensureFounderWithPassword(seed: SeedContext): Promise<void> {
  const founderPassword = randomBytes(15).toString('base64url');
  const founderEmail = seed.platform.config.FOUNDER_EMAIL;
  if (
    await ensureAccount(seed, {
      email: founderEmail,
      password: founderPassword,
      displayName: 'Founder',
      role: 'founder',
      mustChangePassword: true,
    })
  ) {
    seed.announce(
      `${founderEmail}  ${founderPassword}   (first-run password: you will be asked to change it)`,
    );
  }
}
