import { createElement } from 'react';
import { z } from 'zod';
import type { EmailChannel, EmailTemplate } from './define-template';

/** The parts of html-to-text's formatter interface used here (the package ships no types). */
interface HtmlElement {
  children: unknown[];
  attribs?: Record<string, string>;
}
interface TextBuilder {
  openBlock(opts: { leadingLineBreaks: number }): void;
  closeBlock(opts: { trailingLineBreaks: number }): void;
  addInline(text: string): void;
  addLineBreak(): void;
}

/**
 * The plain-text part, read by people whose client shows no HTML and by spam filters: the call to action
 * as its label and the link on its own line (so no "copy this link" sentence is needed), headings as
 * written, label/value rows side by side.
 */
const plainText = {
  selectors: [
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'a[data-action]', format: 'actionLink' },
    { selector: 'a[data-host]', format: 'anchor', options: { ignoreHref: true } },
    { selector: 'table[data-facts]', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
  formatters: {
    actionLink(
      elem: HtmlElement,
      walk: (nodes: unknown[], builder: TextBuilder) => void,
      builder: TextBuilder,
    ) {
      builder.openBlock({ leadingLineBreaks: 2 });
      walk(elem.children, builder);
      builder.addInline(':');
      builder.addLineBreak();
      builder.addInline(String(elem.attribs?.href ?? ''));
      builder.closeBlock({ trailingLineBreaks: 2 });
    },
  },
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders a template with its data for a channel: the HTML and the plain-text part from the same React
 * Email element, and the subject on one line. Data that does not match the template's schema is a bug in
 * the caller and throws. The renderer (react-dom/server, html-to-text) is loaded on the first email, not at
 * start-up.
 */
export async function renderEmail<D extends object>(
  template: EmailTemplate<D>,
  data: D,
  channel: EmailChannel,
): Promise<RenderedEmail> {
  const parsed = template.schema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `Email "${template.name}": the data does not match its schema:\n${z.prettifyError(parsed.error)}`,
    );
  const { render, toPlainText } = await import('@react-email/render');
  const html = await render(createElement(template.body, { data: parsed.data, channel }));
  const text = toPlainText(html, plainText).trim();
  // A subject is one header line: no line breaks can reach it, whatever a channel is called.
  const subject = template.subject(parsed.data, channel).replace(/\s+/g, ' ').trim();
  return { subject, html, text };
}
