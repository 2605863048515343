import { startAuthentication } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { errorMessage, useTRPCClient } from '../../lib/trpc';
import { Button } from '../../ui/button';

/** Passkey sign-in: ask the server for a challenge, let the browser sign it, send it back. */
export function PasskeySignIn({
  email,
  onSignedIn,
}: {
  email?: string;
  onSignedIn: () => void | Promise<void>;
}) {
  const client = useTRPCClient();
  const run = useMutation({
    mutationFn: async () => {
      const { challengeId, options } = await client.auth.passkeys.authenticationOptions.mutate(
        email ? { email } : {},
      );
      const response = await startAuthentication({ optionsJSON: options as never });
      return client.auth.passkeys.verifyAuthentication.mutate({ challengeId, response: response as never });
    },
    onSuccess: () => onSignedIn(),
  });
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        className="w-full"
        size="lg"
        loading={run.isPending}
        onClick={() => run.mutate()}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        >
          <circle cx="9" cy="8" r="4" />
          <path d="M2 21v-1a6 6 0 0 1 10-4.5M17 14a3 3 0 1 0 0 .01M17 17v5l2-1.5" />
        </svg>
        Sign in with a passkey
      </Button>
      {run.error ? (
        <p role="alert" className="text-caption text-danger">
          {run.error.name === 'NotAllowedError'
            ? 'The passkey prompt was closed or timed out. Try again, or use your password.'
            : errorMessage(run.error)}
        </p>
      ) : null}
    </div>
  );
}
