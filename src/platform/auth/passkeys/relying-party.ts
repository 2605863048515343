import type { Config } from '../../config';

/** The WebAuthn relying party: RP ID from WEBAUTHN_RP_ID or PUBLIC_URL's host; origin = PUBLIC_URL. */
export function relyingParty(config: Config): { id: string; name: string; origin: string } {
  const url = new URL(config.PUBLIC_URL);
  return { id: config.WEBAUTHN_RP_ID ?? url.hostname, name: config.WEBAUTHN_RP_NAME, origin: url.origin };
}

/** How long a ceremony may take between options and verification. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
