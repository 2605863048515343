import { randomBytes } from 'node:crypto';
import { createUser, findUserByEmail } from '../auth';
import { inTransaction } from '../context';
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
    password: string;
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

/** The default channel's founder (always), one demo account per role (demo), more customers (seed command). */
export const accountsSeeder: Seeder = {
  name: 'platform.accounts',
  async run(seed) {
    const founderPassword = randomBytes(15).toString('base64url');
    if (
      await ensureAccount(seed, {
        email: 'founder@lsn.local',
        password: founderPassword,
        displayName: 'Founder',
        role: 'founder',
        mustChangePassword: true,
      })
    ) {
      seed.announce(
        `founder@lsn.local  ${founderPassword}   (first-run password: you will be asked to change it)`,
      );
    }
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
