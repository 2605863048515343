import type { Permission } from './permission';

export function signInUrl(pathAndSearch: string): string {
  return `/signin?next=${encodeURIComponent(pathAndSearch)}`;
}

/** Only same-site paths are followed after sign-in (no open redirects to other hosts). */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  return next;
}

/**
 * Where someone lands after signing in: the page they were sent from to sign in (`next`), when it is safe;
 * else staff the console, creators the studio, and everyone else the page they came from.
 */
export function landingAfterSignIn({
  next,
  from,
  can,
}: {
  next: string | null | undefined;
  from: string | undefined;
  can: (permission: Permission) => boolean;
}): string {
  const asked = safeNext(next);
  if (asked) return asked;
  if (can('console.access')) return '/console';
  if (can('studio.access')) return '/studio';
  return safeNext(from) ?? '/';
}
