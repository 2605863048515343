import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useHead, useStatus } from '../../lib/head';
import { signInUrl } from '../../lib/next-url';
import type { Permission } from '../../lib/permission';
import { errorMessage } from '../../lib/trpc';
import { ButtonLink } from '../../ui/button';
import { Alert } from '../../ui/empty-state';
import { Loading } from '../../ui/spinner';
import { useMe } from './use-me';

/** Signed-out visitors are sent to sign in, and come back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { user, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <Loading what="Checking your session" />;
  if (error && !user) return <Alert title="We could not check your session">{errorMessage(error)}</Alert>;
  if (!user) return <Navigate to={signInUrl(location.pathname + location.search)} replace />;
  return <>{children}</>;
}

/** Shows a clear "no access" page instead of the content when the user lacks the permission. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can, isPending } = useMe();
  if (isPending) return <Loading />;
  if (!can(permission)) return <Forbidden permission={permission} />;
  return <>{children}</>;
}

export function Forbidden({ permission }: { permission?: Permission }) {
  useHead({ title: 'No access' }, { noindex: true });
  useStatus(403);
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto max-w-xl py-12 text-center">
      <p aria-hidden="true" className="text-display font-black text-brand">
        403
      </p>
      <h1 id="forbidden-title" className="mt-2 text-headline font-bold">
        You don't have access to this page
      </h1>
      <p className="mt-3 text-body text-ink-muted">
        Your account's roles do not include this area
        {permission ? (
          <>
            {' '}
            (it needs{' '}
            <code className="rounded bg-surface-raised px-1.5 py-0.5 font-mono text-caption">
              {permission}
            </code>
            )
          </>
        ) : null}
        . If you think you should have it, ask an administrator to grant you the right role.
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <ButtonLink to="/" variant="secondary">
          Back to the storefront
        </ButtonLink>
        <ButtonLink to="/account">Your account</ButtonLink>
      </div>
    </section>
  );
}
