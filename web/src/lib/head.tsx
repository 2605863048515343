import { createContext, useContext, useEffect } from 'react';

/** What the server learns while rendering a page: its title and the HTTP status it deserves. */
export interface RenderNotes {
  title?: string;
  status?: number;
}

export const RenderNotesContext = createContext<RenderNotes | null>(null);

const SITE = 'Live Shopping Network';

/** Sets the page title (in the server-rendered <title> and, after navigation, in the browser). */
export function useTitle(title: string) {
  const notes = useContext(RenderNotesContext);
  const full = title ? `${title} · ${SITE}` : SITE;
  if (notes) notes.title = full;
  useEffect(() => {
    document.title = full;
  }, [full]);
}

/** Marks the response status on the server (404 page, 403 page); no-op in the browser. */
export function useStatus(status: number) {
  const notes = useContext(RenderNotesContext);
  if (notes) notes.status = status;
}
