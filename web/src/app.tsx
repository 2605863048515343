import {
  type DehydratedState,
  HydrationBoundary,
  type QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { type RouteObject, useRoutes } from 'react-router';
import { ConsoleHomePage } from './console/console-home-page';
import { useMe } from './features/auth/use-me';
import { SiteContext } from './lib/head';
import { type createTrpcClient, reviveErrors, TRPCProvider } from './lib/trpc';
import type { WebRoute } from './lib/web-module';
import { webModules } from './modules';
import { surfaceRoutes } from './routes';
import { AccountLayout } from './storefront/account-layout';
import { ForgotPasswordPage } from './storefront/forgot-password-page';
import { HomePage } from './storefront/home-page';
import { NotFoundPage } from './storefront/not-found-page';
import { ResetPasswordPage } from './storefront/reset-password-page';
import { SetPasswordPage } from './storefront/set-password-page';
import { SignInPage } from './storefront/sign-in-page';
import { SignUpPage } from './storefront/sign-up-page';
import { StorefrontLayout } from './storefront/storefront-layout';
import { VerifyEmailPage } from './storefront/verify-email-page';
import { StudioHomePage } from './studio/studio-home-page';
import { SurfaceLayout } from './surface-layout';

/** The channel's name (from auth.me) and public address, for every page's head. */
function SiteProvider({ publicUrl, children }: { publicUrl: string; children: ReactNode }) {
  const { me } = useMe();
  const name = me?.channel.name ?? 'Live Shopping Network';
  return <SiteContext.Provider value={{ name, url: publicUrl }}>{children}</SiteContext.Provider>;
}

/** Query cache, tRPC and site context, with the server's answers (`state`) in the cache before anything reads it. */
export function Providers({
  queryClient,
  trpcClient,
  state,
  publicUrl,
  children,
}: {
  queryClient: QueryClient;
  trpcClient: ReturnType<typeof createTrpcClient>;
  state: DehydratedState | undefined;
  publicUrl: string;
  children: ReactNode;
}) {
  const revived = useMemo(() => reviveErrors(state), [state]);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <HydrationBoundary state={revived}>
          <SiteProvider publicUrl={publicUrl}>{children}</SiteProvider>
        </HydrationBoundary>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const notFound = { element: <NotFoundPage />, head: { title: 'Page not found' } };

/** The shell's own pages; every other page comes from a web module (features/<name>/index.tsx). */
const appPages: WebRoute[] = [
  { surface: 'storefront', path: '', element: <HomePage />, head: { title: '' } },
  {
    surface: 'storefront',
    path: 'signin',
    element: <SignInPage />,
    head: { title: 'Sign in', description: 'Sign in with your email and password, or with a passkey.' },
  },
  {
    surface: 'storefront',
    path: 'signup',
    element: <SignUpPage />,
    head: { title: 'Create your account', description: 'Create an account to shop live shows.' },
  },
  {
    surface: 'storefront',
    path: 'set-password',
    element: <SetPasswordPage />,
    head: { title: 'Choose your password', description: 'Choose the password for your account.' },
  },
  {
    surface: 'storefront',
    path: 'verify-email',
    element: <VerifyEmailPage />,
    head: {
      title: 'Confirm your email',
      description: 'Confirm your address to finish creating your account.',
    },
  },
  {
    surface: 'storefront',
    path: 'forgot-password',
    element: <ForgotPasswordPage />,
    head: { title: 'Forgot your password?', description: 'Get a link to choose a new password.' },
  },
  {
    surface: 'storefront',
    path: 'reset-password',
    element: <ResetPasswordPage />,
    head: { title: 'Choose a new password', description: 'Choose a new password for your account.' },
  },
  { surface: 'storefront', path: '*', ...notFound },
  { surface: 'studio', path: '', element: <StudioHomePage />, head: { title: 'Studio' } },
  { surface: 'studio', path: '*', ...notFound },
  { surface: 'console', path: '', element: <ConsoleHomePage />, head: { title: 'Console' } },
  { surface: 'console', path: '*', ...notFound },
];

/** The three surfaces in one route table: rendered by the server first, then by the browser. */
export const appRoutes: RouteObject[] = [
  {
    element: <StorefrontLayout />,
    children: [
      ...surfaceRoutes('storefront', appPages, webModules),
      {
        path: 'account',
        element: <AccountLayout />,
        handle: { signIn: true },
        children: surfaceRoutes('account', appPages, webModules),
      },
    ],
  },
  {
    path: 'studio',
    element: <SurfaceLayout surface="studio" />,
    handle: { signIn: true },
    children: surfaceRoutes('studio', appPages, webModules),
  },
  {
    path: 'console',
    element: <SurfaceLayout surface="console" />,
    handle: { signIn: true },
    children: surfaceRoutes('console', appPages, webModules),
  },
];

export function AppRoutes() {
  return useRoutes(appRoutes);
}
