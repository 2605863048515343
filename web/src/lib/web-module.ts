import type { DataTag, QueryKey } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import type { AppModuleName, AppRouter } from '../../../src/router';
import type { Permission } from './permission';

/**
 * A web module: the pages and nav entries of one capability, declared in `features/<name>/index.tsx`
 * and collected by `modules.ts`, so a capability plugs into the app without editing the shell.
 */

/** The typed query options of every procedure (the browser's, or the server's built on the request). */
export type Trpc = TRPCOptionsProxy<AppRouter>;

/** Where a page lives: the storefront (`/`), the account pages (`/account`), the studio, the console. */
export type Surface = 'storefront' | 'account' | 'studio' | 'console';

/** Console and studio group their nav by area, in this order. */
export const areas = [
  'Commerce',
  'Live',
  'Money',
  'Trust',
  'Operations',
  'Growth',
  'Insights',
  'Platform',
] as const;
export type Area = (typeof areas)[number];

/** The server modules a web module may be named after (the folder under features/ has the same name). */
export type ModuleName = AppModuleName;

/** A page's address, as its queries and head see it. */
export interface RouteInput {
  params: Readonly<Record<string, string | undefined>>;
  search: URLSearchParams;
}

/** Query options (plain or paged) from the tRPC options proxy: what the server prefetches. */
export interface RouteQuery {
  queryKey: QueryKey;
  initialPageParam?: unknown;
}

/** What a page tells browsers, search engines and link previews about itself. */
export interface Head {
  /** Shown before the site's name; '' for the site's own front page. */
  title: string;
  description?: string;
  /** The path of the page's canonical address, when it is not the page's own path. */
  canonical?: string;
  /** Open Graph type: a product or a show page says so. Default `website`. */
  type?: 'website' | 'article' | 'product' | 'video.other';
  /** An absolute or site-relative image for link previews (og:image). */
  image?: string;
  /** schema.org structured data (a Product, a BroadcastEvent), rendered as `application/ld+json`. */
  jsonLd?: Record<string, unknown>;
}

export interface HeadInput extends RouteInput {
  /** The same options proxy the route's queries were built with, to name one of them for `data`. */
  trpc: Trpc;
  /** A declared query's data once it has arrived (typed by the query's key). */
  data<T>(query: { queryKey: DataTag<QueryKey, T, unknown> }): T | undefined;
}

export interface WebRoute {
  surface: Surface;
  /** The path under the surface: '' for the surface's own page, 'jobs/:queue' for one with a parameter. */
  path: string;
  element: ReactNode;
  /** Shown to those who hold it; others get the "no access" page (403). */
  permission?: Permission;
  /** Only for signed-in people (always so on account, studio and console, whose layouts check it). */
  signIn?: boolean;
  /** What the page shows, fetched by the server before it renders (and by the page in the browser). */
  queries?: (trpc: Trpc, input: RouteInput) => RouteQuery[];
  head: Head | ((input: HeadInput) => Head);
  /** A query answering NOT_FOUND makes the page a 404 (a product or a queue that does not exist). */
  notFoundIs404?: boolean;
}

interface NavBase {
  label: string;
  /** One line under the label on the console's overview. */
  description: string;
  to: string;
  permission: Permission;
  /** Active only on exactly this path (for a surface's own page). */
  end?: boolean;
  /** Place within its area, lower first (default 100); equal places keep the folders' order. */
  order?: number;
}

export type NavEntry =
  | (NavBase & { surface: 'console' | 'studio'; area: Area })
  | (NavBase & { surface: 'account'; area?: never });

export interface WebModule {
  name: ModuleName;
  routes: WebRoute[];
  nav: NavEntry[];
}

export function defineWebModule(module: WebModule): WebModule {
  return module;
}

/** A surface's nav entries the viewer may open, grouped by area in the fixed order; empty areas left out. */
export function navByArea(
  modules: readonly WebModule[],
  surface: 'console' | 'studio',
  can: (permission: Permission) => boolean,
): Array<{ area: Area; entries: NavEntry[] }> {
  const open = modules.flatMap((m) => m.nav).filter((n) => n.surface === surface && can(n.permission));
  return areas
    .map((area) => ({
      area,
      entries: open.filter((n) => n.area === area).sort((a, b) => (a.order ?? 100) - (b.order ?? 100)),
    }))
    .filter((g) => g.entries.length > 0);
}
