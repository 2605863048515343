import { defineModule, definePermissions } from '../kit';
import { apiKeysRouter } from './api-keys/router';
import { authRouter } from './router';
import * as schema from './schema';

export {
  type AccountTokenPurpose,
  consumeAccountToken,
  findLiveAccountToken,
  hasLiveAccountToken,
  issueAccountToken,
  SET_PASSWORD_TTL_MS,
} from './account-tokens';
/** The auth slice's door: who is calling (authenticate), accounts, sessions, passkeys, API keys. */
export { authenticate, identityPort, identityTags, tagsOf } from './authenticate';
export { createUser, findUserByEmail, type PublicUser } from './create-user';
export { PASSWORD_MAX, PASSWORD_MIN } from './credentials';
export { SESSION_COOKIE } from './session-cookie';
export { createSession } from './sessions';
export { apiKeysRouter, authRouter };

export const authPermissions = definePermissions({
  'account.manage': 'Manage your own profile, password, passkeys and sessions',
  'apiKeys.manage': 'Create and revoke your own API keys in the channel',
});
declare module '../kit' {
  interface PermissionRegistry extends Record<keyof typeof authPermissions, true> {}
}

export const authModule = defineModule({
  name: 'auth',
  description: 'Accounts, sign-in (password and passkeys), sessions and API keys.',
  router: { auth: authRouter, apiKeys: apiKeysRouter },
  schema,
  globalTables: {
    users: 'An account is one person across every channel; roles are granted per channel.',
    sessions: "A browser's sign-in belongs to the account, not to a channel.",
    passkeys: 'A passkey belongs to the account, not to a channel.',
    auth_challenges: 'A WebAuthn ceremony in flight, before anyone is known.',
    account_tokens: 'One-time links (set or reset a password, confirm an address) belong to the account.',
  },
  permissions: authPermissions,
  roleGrants: {
    customer: ['account.manage'],
    creator: ['account.manage', 'apiKeys.manage'],
    support: ['account.manage', 'apiKeys.manage'],
    trust_safety: ['account.manage', 'apiKeys.manage'],
    finance: ['account.manage', 'apiKeys.manage'],
    ops: ['account.manage', 'apiKeys.manage'],
    admin: ['account.manage', 'apiKeys.manage'],
  },
});
