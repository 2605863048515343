import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** An account. Identity is global to the deployment; roles are per channel. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** scrypt hash in PHC-like form; null for passkey-only accounts. */
    passwordHash: text('password_hash'),
    /** Set when the first-run password must be changed (the seeded founder). */
    mustChangePassword: timestamp('must_change_password', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /**
     * When the account's owner proved the address is theirs (a confirmation or reset link followed).
     * Accounts made by sign-up are verified from the start: they exist only once the link is followed.
     */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /**
     * The channel the account signed up on. Identity stays global; this only decides which channel's
     * console lists the account (besides channels where it holds a role), so staff never see another
     * channel's customers.
     */
    homeChannelId: uuid('home_channel_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    index('users_home_channel_idx').on(t.homeChannelId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** sha256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passkeys = pgTable(
  'passkeys',
  {
    /** WebAuthn credential id, base64url. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default([]),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);

/** Pending WebAuthn challenges, single use, short-lived. */
export const authChallenges = pgTable('auth_challenges', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id'),
  kind: text('kind').notNull(),
  challenge: text('challenge').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** API keys belong to a channel; the secret is shown once and stored as a sha256 hash. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    channelId: uuid('channel_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** First characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    scopes: text('scopes').array().notNull(),
    uses: integer('uses').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_channel_idx').on(t.channelId)],
);

/**
 * One-time links sent to a person: set a first password, reset a forgotten one, verify an email.
 * Only the token's sha256 is stored; a token works once (used_at) and until expires_at. Issuing a new
 * token for the same purpose drops the person's unused ones, so only the latest link works.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** set_password | reset_password | verify_email */
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The address a verify_email link was sent to: it verifies that address, not a later one. */
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('account_tokens_user_purpose_idx').on(t.userId, t.purpose),
    check(
      'account_tokens_purpose_check',
      sql`${t.purpose} in ('set_password', 'reset_password', 'verify_email')`,
    ),
  ],
);

/**
 * A sign-up waiting for its confirmation link. The account does not exist until the link is followed,
 * so nobody can take an address they cannot read (account squatting), and sign-up answers alike whether
 * or not the address already has an account. Holds what the account will be made of: the address, the
 * name, the password's hash (made at sign-up, so following the link needs no password), the channel it
 * signed up on (its home), and the sha256 of the emailed token. Single use (used_at) and 24 hours.
 */
export const pendingSignUps = pgTable(
  'pending_sign_ups',
  {
    id: uuid('id').primaryKey(),
    /** The channel signed up on: the account's home, and the only host the link works on. */
    channelId: uuid('channel_id').notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('pending_sign_ups_channel_email_idx').on(t.channelId, sql`lower(${t.email})`),
    index('pending_sign_ups_expires_idx').on(t.expiresAt),
  ],
);
