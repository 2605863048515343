/** Paths that need a signed-in user; signed-out visitors go to /signin?next=<path>. */
export function needsSignIn(pathname: string): boolean {
  return /^\/(account|studio|console)(\/|$)/.test(pathname);
}

export function signInUrl(pathAndSearch: string): string {
  return `/signin?next=${encodeURIComponent(pathAndSearch)}`;
}

/** Only same-site paths are followed after sign-in (no open redirects to other hosts). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
