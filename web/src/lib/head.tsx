import { createContext, useContext, useEffect } from 'react';
import { useLocation } from 'react-router';
import type { Head } from './web-module';

/** What the server learns while rendering a page: its head and the HTTP status it deserves. */
export interface RenderNotes {
  head?: HeadTags;
  status?: number;
}

export const RenderNotesContext = createContext<RenderNotes | null>(null);

/** The site a page belongs to: the channel's name and its public address (PUBLIC_URL). */
export interface Site {
  name: string;
  url: string;
}

export const SiteContext = createContext<Site>({ name: 'Live Shopping Network', url: '' });

export interface HeadTags {
  title: string;
  canonical: string;
  /** [attribute, key, content]: `name` for plain meta tags, `property` for Open Graph. */
  meta: Array<['name' | 'property', string, string]>;
  /** schema.org data as JSON text, already safe inside a script element. */
  jsonLd?: string;
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` escaped, so no value can close the element; a `url`
 * given as a path becomes absolute on the site's address.
 */
const scriptJson = (value: unknown, siteUrl: string) =>
  JSON.stringify(value, (key, v) =>
    key === 'url' && typeof v === 'string' && v.startsWith('/') ? `${siteUrl}${v}` : v,
  ).replace(/</g, '\\u003c');

/** The tags a page's head turns into, on the server and after each navigation in the browser. */
function headTags(head: Head, site: Site, pathname: string, noindex: boolean): HeadTags {
  const url = `${site.url}${head.canonical ?? pathname}`;
  const description =
    head.description ?? `Watch live shows on ${site.name}, ask the host anything and buy while it's on air.`;
  const meta: HeadTags['meta'] = [
    ['name', 'description', description],
    ['property', 'og:title', head.title || site.name],
    ['property', 'og:description', description],
    ['property', 'og:url', url],
    ['property', 'og:type', head.type ?? 'website'],
    ['property', 'og:site_name', site.name],
  ];
  // Account, studio and console pages are private: keep them out of search results.
  if (noindex) meta.push(['name', 'robots', 'noindex']);
  if (head.image)
    meta.push(['property', 'og:image', head.image.startsWith('/') ? `${site.url}${head.image}` : head.image]);
  return {
    title: head.title ? `${head.title} · ${site.name}` : site.name,
    canonical: url,
    meta,
    jsonLd: head.jsonLd ? scriptJson(head.jsonLd, site.url) : undefined,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The head's tags as HTML for the server-rendered page, every value escaped. */
export function headHtml(tags: HeadTags): string {
  return [
    `<title>${escapeHtml(tags.title)}</title>`,
    `<link rel="canonical" href="${escapeHtml(tags.canonical)}">`,
    ...tags.meta.map(([attr, key, content]) => `<meta ${attr}="${key}" content="${escapeHtml(content)}">`),
    ...(tags.jsonLd ? [`<script type="application/ld+json" id="page-jsonld">${tags.jsonLd}</script>`] : []),
  ].join('\n    ');
}

function applyToDocument(tags: HeadTags) {
  document.title = tags.title;
  let link = document.head.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'canonical';
    document.head.append(link);
  }
  link.href = tags.canonical;
  for (const el of document.head.querySelectorAll('meta[name="robots"], meta[property="og:image"]'))
    el.remove();
  document.getElementById('page-jsonld')?.remove();
  if (tags.jsonLd) {
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.id = 'page-jsonld';
    script.textContent = tags.jsonLd;
    document.head.append(script);
  }
  for (const [attr, key, content] of tags.meta) {
    let el = document.head.querySelector<HTMLMetaElement>(`meta[${attr}="${key}"]`);
    if (!el) {
      el = document.createElement('meta');
      el.setAttribute(attr, key);
      document.head.append(el);
    }
    el.content = content;
  }
}

/** Sets the page's head: noted for the server's <head>, applied to the document in the browser. */
export function useHead(head: Head, { noindex = false }: { noindex?: boolean } = {}) {
  const notes = useContext(RenderNotesContext);
  const site = useContext(SiteContext);
  const { pathname } = useLocation();
  const tags = headTags(head, site, pathname, noindex);
  if (notes) notes.head = tags;
  const key = JSON.stringify(tags);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialized tags are the dependency
  useEffect(() => applyToDocument(tags), [key]);
}

/** Marks the response status on the server (404 page, 403 page); no-op in the browser. */
export function useStatus(status: number | undefined) {
  const notes = useContext(RenderNotesContext);
  if (notes && status) notes.status = status;
}
