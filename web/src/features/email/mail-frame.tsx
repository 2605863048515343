import { framedHtml } from './mail-frame-html';

/**
 * The message's HTML as its recipient would see it, isolated from the console: a sandboxed iframe with
 * no scripts and no same-origin access (the message cannot read the page, its cookies or the API), no
 * forms, no top navigation. Popups are the one thing allowed, so a link opens in a new tab; they escape the
 * sandbox because the page a link leads to (the product's own set-password page) needs its scripts.
 * The frame inherits the page's CSP, so remote images and fonts (tracking pixels) do not load.
 */
export function MailFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      srcDoc={framedHtml(html)}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      className="block h-[70vh] min-h-96 w-full rounded-control border border-line bg-white [color-scheme:light]"
    />
  );
}
