import { recordAudit } from '../audit';
import type { Actor, TxCtx } from '../context';
import type { FailureBurst } from './login-throttle';
import type { ClientInfo } from './sessions';

/** Security events in the audit log: what happened to an account, from where. Never a password or a token. */
export type SecurityAction =
  | 'auth.signedUp'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.signInFailedBurst'
  | 'auth.passwordChanged'
  | 'auth.passwordSet'
  | 'auth.passwordReset'
  | 'auth.sessionRevoked'
  | 'auth.signedOutEverywhere'
  | 'auth.passkeyAdded'
  | 'auth.passkeyRemoved'
  | 'apiKeys.create'
  | 'apiKeys.revoke';

export type SignInMethod =
  | 'password'
  | 'passkey'
  | 'set_password_link'
  | 'reset_password_link'
  | 'verify_email_link';

/**
 * The account acting for itself where nobody was signed in yet (sign-in, a set-password link). The audit
 * entry records who acted; what they may do plays no part in it.
 */
function accountActor(userId: string): Actor {
  return { kind: 'user', userId, roles: ['customer'], permissions: new Set(), mustChangePassword: false };
}

const clientData = (client: ClientInfo) => ({
  ip: client.ip ?? null,
  userAgent: client.userAgent?.slice(0, 256) ?? null,
});

/**
 * Appends a security event about `userId` to the request channel's audit chain, in the caller's
 * transaction (the change and its record commit together). The actor is the caller, or the account
 * itself when the caller is not signed in as anyone yet or `byAccount` says so (sign-ins).
 */
export async function recordSecurityEvent(
  tx: TxCtx,
  event: {
    action: SecurityAction;
    userId: string;
    client: ClientInfo;
    method?: SignInMethod;
    subject?: { type: string; id: string };
    data?: Record<string, unknown>;
    /** The account acts for itself whoever the caller was (signing in: the session is the account's). */
    byAccount?: boolean;
  },
): Promise<void> {
  const actor = tx.actor.userId && !event.byAccount ? tx.actor : accountActor(event.userId);
  await recordAudit(
    { ...tx, actor },
    {
      action: event.action,
      subjectType: event.subject?.type ?? 'user',
      subjectId: event.subject?.id ?? event.userId,
      data: { ...clientData(event.client), ...(event.method ? { method: event.method } : {}), ...event.data },
    },
  );
}

/**
 * A burst of failed sign-ins: written once, when a counter first runs out of free failures. An
 * account's or device's burst is about the account; an address's is about the address (it may have
 * tried many accounts, or none that exist).
 */
export async function recordFailureBursts(
  tx: TxCtx,
  input: { bursts: FailureBurst[]; userId: string | undefined; client: ClientInfo; method: SignInMethod },
): Promise<void> {
  for (const burst of input.bursts) {
    const data = {
      ...clientData(input.client),
      method: input.method,
      scope: burst.scope,
      failures: burst.failures,
    };
    if (burst.scope === 'address') {
      await recordAudit(tx, {
        action: 'auth.signInFailedBurst',
        subjectType: 'address',
        subjectId: input.client.ip ?? 'unknown',
        data,
      });
    } else if (input.userId) {
      await recordAudit(tx, {
        action: 'auth.signInFailedBurst',
        subjectType: 'user',
        subjectId: input.userId,
        data,
      });
    }
  }
}
