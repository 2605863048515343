import { and, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Ctx, TxCtx } from '../context';
import { newId } from '../ids';
import { accountTokens } from './schema';
import { newSessionToken, sha256Hex } from './tokens';

/**
 * One-time links for account recovery and first access: the random token goes to the person (printed
 * once, or in an email), only its sha256 is stored, it works once and until it expires.
 * Password reset and email verification build on this with their own purposes.
 */
export type AccountTokenPurpose = 'set_password' | 'reset_password' | 'verify_email';

/** How long a first-run set-password link works. */
export const SET_PASSWORD_TTL_MS = 24 * 3_600_000;

/** What a token looks like on the wire: 256 random bits, base64url. */
export const ACCOUNT_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues a token for `purpose` in the caller's transaction. The person's earlier unused tokens for the
 * same purpose stop working (only the latest link does); their expired ones are cleared on the way.
 */
export async function issueAccountToken(
  tx: TxCtx,
  input: { userId: string; purpose: AccountTokenPurpose; ttlMs: number; email?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const now = tx.clock.now();
  await tx.db
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, input.userId),
        or(
          and(eq(accountTokens.purpose, input.purpose), isNull(accountTokens.usedAt)),
          lt(accountTokens.expiresAt, now),
        ),
      ),
    );
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  await tx.db.insert(accountTokens).values({
    id: newId(),
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: sha256Hex(token),
    email: input.email ?? null,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The live (unused, unexpired) token for one of `purposes`, without using it up. */
export async function findLiveAccountToken(ctx: Ctx, token: string, purposes: AccountTokenPurpose[]) {
  if (!ACCOUNT_TOKEN_RE.test(token)) return undefined;
  const [row] = await ctx.db
    .select({ id: accountTokens.id, userId: accountTokens.userId, purpose: accountTokens.purpose })
    .from(accountTokens)
    .where(liveToken(ctx, token, purposes));
  return row;
}

/**
 * Uses a token up, in the caller's transaction: one conditional UPDATE, so of two concurrent uses
 * exactly one wins. Undefined when it is unknown, used, expired or for another purpose.
 */
export async function consumeAccountToken(tx: TxCtx, token: string, purposes: AccountTokenPurpose[]) {
  if (!ACCOUNT_TOKEN_RE.test(token)) return undefined;
  const [row] = await tx.db
    .update(accountTokens)
    .set({ usedAt: tx.clock.now() })
    .where(liveToken(tx, token, purposes))
    .returning({ userId: accountTokens.userId, purpose: accountTokens.purpose, email: accountTokens.email });
  return row;
}

/** Whether the person holds a live token for `purpose` (so a new one need not be issued). */
export async function hasLiveAccountToken(ctx: Ctx, userId: string, purpose: AccountTokenPurpose) {
  const [row] = await ctx.db
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, ctx.clock.now()),
      ),
    )
    .limit(1);
  return Boolean(row);
}

const liveToken = (ctx: Ctx, token: string, purposes: AccountTokenPurpose[]) =>
  and(
    eq(accountTokens.tokenHash, sha256Hex(token)),
    inArray(accountTokens.purpose, purposes),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, ctx.clock.now()),
  );
