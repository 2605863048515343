import type { Clock } from './clock';
import type { Db, ReadDb, Tx } from './db';
import type { Permission, Role } from './kit';
import type { Platform } from './platform';

export interface Actor {
  kind: 'user' | 'api_key' | 'anonymous' | 'system';
  userId: string | null;
  /** Roles held in the request's channel; "customer" for every signed-in user. */
  roles: Role[];
  /** Effective permissions: the roles' permissions, narrowed by an API key's scopes. */
  permissions: Set<Permission>;
  sessionId?: string;
  apiKeyId?: string;
  /** The account's password must be replaced first: every procedure but the few that do it is refused. */
  mustChangePassword?: boolean;
}

/** What every service call receives. */
export interface Ctx {
  /** Reads only; a function that writes takes a TxCtx (see inTransaction). */
  db: ReadDb;
  actor: Actor;
  channelId: string;
  requestId: string;
  clock: Clock;
}

/** A context that also reaches the platform's machinery (limiter, caches, jobs): what requests carry. */
export type PlatformCtx = Ctx & { platform: Platform };

/** A context whose db is an open transaction: required by every function that writes. */
export interface TxCtx extends Ctx {
  db: Tx;
}

export const anonymousActor = (): Actor => ({
  kind: 'anonymous',
  userId: null,
  roles: [],
  permissions: new Set(),
});

export const systemActor = (): Actor => ({
  kind: 'system',
  userId: null,
  roles: [],
  permissions: new Set(),
});

/** Runs fn in a transaction (or the one already open) and hands it a context bound to it. */
export async function inTransaction<C extends Ctx, T>(ctx: C, fn: (tx: C & TxCtx) => Promise<T>): Promise<T> {
  if (isTx(ctx.db)) return fn(ctx as C & TxCtx);
  return (ctx.db as Db).transaction((tx) => fn({ ...ctx, db: tx as unknown as Tx }));
}

function isTx(db: ReadDb): db is Tx {
  return 'rollback' in db && typeof (db as Tx).rollback === 'function';
}
