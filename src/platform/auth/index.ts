/** The auth slice's door: who is calling (authenticate), accounts, sessions, passkeys, API keys. */
export { apiKeysRouter } from './api-keys/router';
export { authenticate, identityTags } from './authenticate';
export { createUser, findUserByEmail } from './create-user';
export { authRouter } from './router';
export { SESSION_COOKIE } from './session-cookie';
export { createSession } from './sessions';
