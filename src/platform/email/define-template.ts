import type { ReactElement } from 'react';
import { z } from 'zod';

/** The channel an email speaks for: its name, its address, and links on its own site. */
export interface EmailChannel {
  name: string;
  /** The channel's home page, absolute (`https://shop.example.com/`). */
  home: string;
  /** An absolute link to a path on the channel's site: `link('/reset-password?token=…')`. */
  link(path: string): string;
}

export interface EmailProps<D> {
  data: D;
  channel: EmailChannel;
}

/**
 * One kind of email: what data it needs (a zod schema, so a flow passing the wrong data does not compile
 * and is refused at run time too), its subject and its body. Links in the data are paths on the channel's
 * site (`/reset-password?token=…`); the template makes them absolute with `channel.link`, so no flow ever
 * builds a link from a request's Host header.
 */
export interface EmailTemplate<D extends object = object> {
  /** Kebab case, stored with every message: `reset-password`. */
  readonly name: string;
  /** What it is for, for the docs and the console. */
  readonly description: string;
  readonly schema: z.ZodType<D>;
  /**
   * It carries a credential (a one-time link). Such a message's body is removed once a real provider has
   * accepted it and is never shown from the catcher while SMTP is configured: staff reading the log must
   * not be able to use someone else's link.
   */
  readonly secret: boolean;
  subject(data: D, channel: EmailChannel): string;
  /** The body as a React Email element; the HTML and the plain-text part are both rendered from it. */
  body(props: EmailProps<D>): ReactElement;
}

const TEMPLATE_NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function defineEmailTemplate<S extends z.ZodType<object>>(template: {
  name: string;
  description: string;
  schema: S;
  secret: boolean;
  subject(data: z.output<S>, channel: EmailChannel): string;
  body(props: EmailProps<z.output<S>>): ReactElement;
}): EmailTemplate<z.output<S>> {
  if (!TEMPLATE_NAME_RE.test(template.name))
    throw new Error(`Email template "${template.name}" must be kebab case`);
  return Object.freeze({ ...template, schema: template.schema as unknown as z.ZodType<z.output<S>> });
}

/**
 * A path on the channel's own site: starts with one `/` (never `//host`, a backslash or a scheme), so a
 * link in an email can only ever point at the channel.
 */
export const ZSitePath = z
  .string()
  .max(2_000)
  .regex(/^\/(?![/\\])[^\s\\]*$/, 'must be a path on the site, starting with one /');

/** An instant as ISO 8601 with its offset: `2026-12-02T15:20:00Z`. */
export const ZInstant = z.iso.datetime({ offset: true });
