import { cursorPages } from '../../lib/cursor-pages';
import type { Trpc } from '../../lib/web-module';

/** The list's search (part of a recipient or a subject) travels in the address, so a search can be shared. */
export const searchOf = (search: URLSearchParams) => search.get('search')?.trim() ?? '';

/** The emails the list shows, newest first (its route declares the same, for the server). */
export const mailListQuery = (trpc: Trpc, search: string) =>
  cursorPages(trpc.mail.list, { ...(search ? { search } : {}), limit: 50 });

/** One email with its HTML and text. */
export const mailMessageQuery = (trpc: Trpc, id: string) => trpc.mail.get.queryOptions({ id });
