import type { DehydratedState } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes, Providers } from './app';
import { createQueryClient, createTrpcClient } from './lib/trpc';
import './ui/styles.css';

/** What the server put in the page, as inert JSON (the CSP forbids inline scripts). */
function readPage(): { state?: DehydratedState; publicUrl?: string } {
  const el = document.getElementById('lsn-state');
  if (!el?.textContent) return {};
  try {
    return JSON.parse(el.textContent);
  } catch {
    return {};
  }
}

const { state, publicUrl = window.location.origin } = readPage();
const queryClient = createQueryClient();
const trpcClient = createTrpcClient();

hydrateRoot(
  document.getElementById('root')!,
  <StrictMode>
    <Providers queryClient={queryClient} trpcClient={trpcClient} state={state} publicUrl={publicUrl}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
