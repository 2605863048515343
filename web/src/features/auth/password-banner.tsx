import { Link } from 'react-router';
import { useMe } from './use-me';

/** A first-run or reset password must be replaced; say so on every page until it is. */
export function PasswordBanner() {
  const { user } = useMe();
  if (!user?.mustChangePassword) return null;
  return (
    <div role="status" className="border-t border-warn/40 bg-warn/10">
      <p className="mx-auto max-w-page px-gutter py-2 text-body">
        Your password was set for you.{' '}
        <Link to="/account#password" className="font-semibold text-warn underline underline-offset-4">
          Choose a new one
        </Link>{' '}
        before you go further.
      </p>
    </div>
  );
}
