import { useStatus } from '../lib/head';
import { ButtonLink } from '../ui/button';

export function NotFoundPage() {
  useStatus(404);
  return (
    <section aria-labelledby="nf-title" className="mx-auto max-w-xl py-12 text-center">
      <p aria-hidden="true" className="text-display font-black text-brand">
        404
      </p>
      <h1 id="nf-title" className="mt-2 text-headline font-bold">
        This page does not exist
      </h1>
      <p className="mt-3 text-body text-ink-muted">The link may be old, or the address mistyped.</p>
      <div className="mt-6 flex justify-center">
        <ButtonLink to="/">Back to the storefront</ButtonLink>
      </div>
    </section>
  );
}
