import { defineWebModule } from '../../lib/web-module';
import { ApiKeysPage } from './api-keys-page';
import { PasskeysPage } from './passkeys-page';
import { ProfilePage } from './profile-page';
import { SessionsPage } from './sessions-page';

/** Your own account: profile and password, passkeys, sessions, API keys. */
export default defineWebModule({
  name: 'auth',
  routes: [
    {
      surface: 'account',
      path: '',
      element: <ProfilePage />,
      permission: 'account.manage',
      head: { title: 'Your account', description: 'Your name, email, roles and password.' },
    },
    {
      surface: 'account',
      path: 'passkeys',
      element: <PasskeysPage />,
      permission: 'account.manage',
      queries: (trpc) => [trpc.auth.passkeys.list.queryOptions()],
      head: { title: 'Passkeys', description: 'Sign in with your fingerprint, face or device PIN.' },
    },
    {
      surface: 'account',
      path: 'sessions',
      element: <SessionsPage />,
      permission: 'account.manage',
      queries: (trpc) => [trpc.auth.sessions.queryOptions()],
      head: { title: 'Sessions', description: 'Every browser and device signed in to your account.' },
    },
    {
      surface: 'account',
      path: 'api-keys',
      element: <ApiKeysPage />,
      permission: 'apiKeys.manage',
      queries: (trpc) => [trpc.apiKeys.list.queryOptions(), trpc.apiKeys.scopes.queryOptions()],
      head: { title: 'API keys', description: 'Keys that let your scripts call the API as you.' },
    },
  ],
  nav: [
    {
      surface: 'account',
      label: 'Profile & password',
      description: 'Your name, email, roles and password.',
      to: '/account',
      permission: 'account.manage',
      end: true,
    },
    {
      surface: 'account',
      label: 'Passkeys',
      description: 'Sign in without a password.',
      to: '/account/passkeys',
      permission: 'account.manage',
    },
    {
      surface: 'account',
      label: 'Sessions',
      description: 'Where you are signed in.',
      to: '/account/sessions',
      permission: 'account.manage',
    },
    {
      surface: 'account',
      label: 'API keys',
      description: 'Keys for your scripts and integrations.',
      to: '/account/api-keys',
      permission: 'apiKeys.manage',
    },
    {
      surface: 'studio',
      area: 'Platform',
      label: 'API keys',
      description: 'Connect your own tools with keys scoped to what they need.',
      to: '/account/api-keys',
      permission: 'apiKeys.manage',
    },
  ],
});
