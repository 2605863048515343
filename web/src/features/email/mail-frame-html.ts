/**
 * What goes into the message's sandboxed iframe: the HTML as sent, with a `<base target="_blank">` so a
 * link opens in a new tab (inside the frame it would load the page into the frame, where our own pages
 * refuse to be framed) and no referrer sent with it. The base goes into the message's own `<head>` when it
 * has one, so a message that starts with a doctype keeps it (and stays out of quirks mode).
 */
export function framedHtml(html: string): string {
  const extra = '<base target="_blank"><meta name="referrer" content="no-referrer">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head)
    return html.slice(0, head.index + head[0].length) + extra + html.slice(head.index + head[0].length);
  const root = /<html(\s[^>]*)?>/i.exec(html);
  if (root)
    return `${html.slice(0, root.index + root[0].length)}<head>${extra}</head>${html.slice(root.index + root[0].length)}`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + extra + html.slice(doctype[0].length);
  return extra + html;
}

/**
 * Pieces of plain text: runs of text and the http(s) links in them (the text tab makes those clickable),
 * each with where it starts.
 */
export function linkPieces(text: string): Array<{ at: number; text: string; href?: string }> {
  const out: Array<{ at: number; text: string; href?: string }> = [];
  const link = /https?:\/\/[^\s<>"')\]]+/g;
  let last = 0;
  for (const m of text.matchAll(link)) {
    // A sentence's final full stop or comma is not part of the address.
    const href = m[0].replace(/[.,;:!?]+$/, '');
    if (m.index > last) out.push({ at: last, text: text.slice(last, m.index) });
    out.push({ at: m.index, text: href, href });
    last = m.index + href.length;
  }
  if (last < text.length) out.push({ at: last, text: text.slice(last) });
  return out;
}
