import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { ConsoleHomePage } from './console/console-home-page';
import { ConsoleLayout } from './console/console-layout';
import { ApiKeysPage } from './features/account/api-keys-page';
import { PasskeysPage } from './features/account/passkeys-page';
import { ProfilePage } from './features/account/profile-page';
import { SessionsPage } from './features/account/sessions-page';
import { AuditPage } from './features/audit/audit-page';
import { RequirePermission } from './features/auth/guards';
import { JobsPage } from './features/jobs/jobs-page';
import { UsersPage } from './features/users/users-page';
import { type createTrpcClient, TRPCProvider } from './lib/trpc';
import { AccountLayout } from './storefront/account-layout';
import { HomePage } from './storefront/home-page';
import { NotFoundPage } from './storefront/not-found-page';
import { SetPasswordPage } from './storefront/set-password-page';
import { SignInPage } from './storefront/sign-in-page';
import { SignUpPage } from './storefront/sign-up-page';
import { StorefrontLayout } from './storefront/storefront-layout';
import { StudioHomePage } from './studio/studio-home-page';
import { StudioLayout } from './studio/studio-layout';

export function Providers({
  queryClient,
  trpcClient,
  children,
}: {
  queryClient: QueryClient;
  trpcClient: ReturnType<typeof createTrpcClient>;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** The three surfaces in one route table (rendered by the server first, then by the browser). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<StorefrontLayout />}>
        <Route index element={<HomePage />} />
        <Route path="signin" element={<SignInPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="set-password" element={<SetPasswordPage />} />
        <Route path="account" element={<AccountLayout />}>
          <Route index element={<ProfilePage />} />
          <Route path="passkeys" element={<PasskeysPage />} />
          <Route path="sessions" element={<SessionsPage />} />
          <Route path="api-keys" element={<ApiKeysPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="studio" element={<StudioLayout />}>
        <Route index element={<StudioHomePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="console" element={<ConsoleLayout />}>
        <Route index element={<ConsoleHomePage />} />
        <Route
          path="users"
          element={
            <RequirePermission permission="users.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="jobs"
          element={
            <RequirePermission permission="jobs.read">
              <JobsPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
