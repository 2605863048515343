import { HydrationBoundary } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes, Providers } from './app';
import { createQueryClient, createTrpcClient } from './lib/trpc';
import './ui/styles.css';

/** The server's query cache, passed as inert JSON (the CSP forbids inline scripts). */
function readState(): unknown {
  const el = document.getElementById('lsn-state');
  if (!el?.textContent) return undefined;
  try {
    return JSON.parse(el.textContent);
  } catch {
    return undefined;
  }
}

const queryClient = createQueryClient();
const trpcClient = createTrpcClient();

hydrateRoot(
  document.getElementById('root')!,
  <StrictMode>
    <Providers queryClient={queryClient} trpcClient={trpcClient}>
      <HydrationBoundary state={readState() as never}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </HydrationBoundary>
    </Providers>
  </StrictMode>,
);
