import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, ReadDb } from '../db';
import { AppError } from '../errors';
import { newId } from '../ids';
import { assertPasswordRules, normalizeEmail } from './credentials';
import { hashPassword } from './password';
import { users } from './schema';

export interface NewUser {
  email: string;
  password: string | null;
  displayName: string;
  homeChannelId: string;
  mustChangePassword?: Date | null;
  /** When the address was proved to be the person's (seeded accounts: at creation). */
  emailVerifiedAt?: Date | null;
}

export type PublicUser = { id: string; email: string; displayName: string; mustChangePassword: boolean };

export const toPublicUser = (u: typeof users.$inferSelect): PublicUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  mustChangePassword: u.mustChangePassword !== null,
});

export async function findUserByEmail(db: ReadDb, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return row;
}

/** Creates an account; CONFLICT (field email) when the address is taken. */
export async function createUser(db: DbOrTx, input: NewUser): Promise<typeof users.$inferSelect> {
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  if (!displayName)
    throw new AppError('VALIDATION', 'displayName: must not be empty', { field: 'displayName' });
  if (input.password !== null) assertPasswordRules(input.password, 'password', { email, displayName });
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({
      id: newId(),
      email,
      displayName,
      passwordHash,
      homeChannelId: input.homeChannelId,
      mustChangePassword: input.mustChangePassword ?? null,
      emailVerifiedAt: input.emailVerifiedAt ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', 'An account with this email already exists', { field: 'email' });
  return row;
}
