import { type DehydratedState, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../src/router';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** A fresh key per user action: the server replays the stored answer if the same action arrives twice. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID is missing outside secure contexts (plain http on a LAN address).
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function createTrpcClient(baseUrl = '') {
  const url = `${baseUrl}/trpc`;
  const csrf = () => {
    const token = readCookie('lsn_csrf');
    return token ? { 'x-csrf-token': token } : {};
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'mutation',
        // Mutations go one per request so each carries its own Idempotency-Key.
        true: httpLink({
          url,
          headers: ({ op }) => ({
            ...csrf(),
            'idempotency-key': (op.context.idempotencyKey as string | undefined) ?? newIdempotencyKey(),
          }),
        }),
        false: httpBatchLink({ url, headers: csrf, maxItems: 10 }),
      }),
    ],
  });
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Permission and sign-in answers will not change by asking again.
        retry: (count, error) => {
          const status = httpStatusOf(error);
          if (status && status >= 400 && status < 500) return false;
          return count < 2;
        },
        // A failure the server rendered (a 403, a 404) stays on screen when the page hydrates, rather
        // than flashing a spinner while the browser asks again for the same answer.
        retryOnMount: false,
      },
      mutations: { retry: false },
    },
  });
}

export interface ServerErrorData {
  code?: string;
  httpStatus?: number;
  appCode?: string;
  /** The first field the error is about (kept for older callers). */
  field?: string;
  /** Every field's problem as a sentence: { email: 'Enter your email address', ... }. */
  fields?: Record<string, string>;
}

/**
 * The server's page state carries a failed query as the API's error shape; make it the error the
 * browser's own calls give (TRPCClientError), so a page handles both alike.
 */
export function reviveErrors(state: DehydratedState | undefined): DehydratedState | undefined {
  if (!state) return state;
  return {
    ...state,
    queries: state.queries.map((q) =>
      q.state.status === 'error' && !(q.state.error instanceof TRPCClientError)
        ? { ...q, state: { ...q.state, error: TRPCClientError.from({ error: q.state.error } as never) } }
        : q,
    ),
  };
}

export function errorData(error: unknown): ServerErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ServerErrorData | undefined;
  return undefined;
}

export function httpStatusOf(error: unknown): number | undefined {
  return errorData(error)?.httpStatus;
}

export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (error.message === 'Failed to fetch') return 'Could not reach the server. Check your connection.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
