import { Body } from '@react-email/body';
import { Button } from '@react-email/button';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Html } from '@react-email/html';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import type { CSSProperties, ReactNode } from 'react';
import type { EmailChannel } from '../define-template';

/**
 * The product's email frame: dark ink on a light page (what every mail client renders well), the
 * channel's name on top, one call to action as a button with the same link written out below it (for
 * clients that block buttons, and for people who would rather read where a link goes), and a footer saying
 * why the email came. Colours are the web app's brand tokens, chosen for 4.5:1 contrast on white.
 */
const colors = {
  page: '#f4f2f8',
  card: '#ffffff',
  ink: '#14121c',
  muted: '#5b5569',
  line: '#e4e0ec',
  brand: '#ff5c9a',
  button: '#c8175d',
};
const font =
  "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const s = {
  body: { backgroundColor: colors.page, margin: 0, padding: '24px 0', fontFamily: font, color: colors.ink },
  container: { maxWidth: '560px', margin: '0 auto', padding: '0 12px' },
  brand: {
    margin: '0 0 16px',
    fontSize: '15px',
    fontWeight: 700,
    letterSpacing: '0.01em',
    color: colors.ink,
  },
  dot: { color: colors.brand },
  card: {
    backgroundColor: colors.card,
    borderRadius: '12px',
    border: `1px solid ${colors.line}`,
    padding: '32px 28px',
  },
  heading: { margin: '0 0 16px', fontSize: '22px', lineHeight: '30px', fontWeight: 700, color: colors.ink },
  paragraph: { margin: '0 0 16px', fontSize: '15px', lineHeight: '24px', color: colors.ink },
  button: {
    backgroundColor: colors.button,
    color: '#ffffff',
    borderRadius: '8px',
    padding: '12px 22px',
    fontSize: '15px',
    fontWeight: 600,
    textDecoration: 'none',
  },
  small: { margin: '16px 0 0', fontSize: '13px', lineHeight: '20px', color: colors.muted },
  fallbackLink: { color: colors.button, wordBreak: 'break-all' },
  footer: { margin: '20px 4px 0', fontSize: '12px', lineHeight: '18px', color: colors.muted },
  footerLink: { color: colors.muted },
} satisfies Record<string, CSSProperties>;

export function P({ children }: { children: ReactNode }) {
  return <p style={s.paragraph}>{children}</p>;
}

/** Small print inside the card (expiry, what happens next). */
export function Small({ children }: { children: ReactNode }) {
  return <p style={s.small}>{children}</p>;
}

export function A({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} style={s.fallbackLink} target="_blank" rel="noopener">
      {children}
    </a>
  );
}

/** Label/value lines (when, which device, where), one per row, readable in the plain-text part too. */
export function Facts({ rows }: { rows: readonly (readonly [string, string])[] }) {
  return (
    <table
      role="presentation"
      cellPadding={0}
      cellSpacing={0}
      style={{ margin: '0 0 20px', width: '100%' }}
      data-facts="true"
    >
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <td
              style={{
                ...s.paragraph,
                margin: 0,
                color: colors.muted,
                padding: '2px 16px 2px 0',
                width: '88px',
                verticalAlign: 'top',
              }}
            >
              {label}
            </td>
            <td
              style={{ ...s.paragraph, margin: 0, padding: '2px 0', fontWeight: 600, verticalAlign: 'top' }}
            >
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const greeting = (name: string | undefined) => (name ? `Hi ${name},` : 'Hi,');

export function EmailLayout(props: {
  channel: EmailChannel;
  /** The line inbox lists show after the subject. */
  preview: string;
  heading: string;
  /** The one thing to do: a button, with its link written out below. */
  action: { label: string; href: string };
  /** Paragraphs before the button. */
  children: ReactNode;
  /** Small print after the button (expiry, what happens next). */
  after?: ReactNode;
  /** Why this person got this email, in the footer. */
  reason: string;
}) {
  const { channel, action } = props;
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{props.preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <p style={s.brand}>
            <span style={s.dot} data-skip-in-text="true">
              ●{' '}
            </span>
            {channel.name}
          </p>
          <Section style={s.card}>
            <h1 style={s.heading}>{props.heading}</h1>
            {props.children}
            <Button href={action.href} style={s.button} data-action="true">
              {action.label}
            </Button>
            <p style={s.small} data-skip-in-text="true">
              If the button does not work, copy this link into your browser:
              <br />
              <A href={action.href}>{action.href}</A>
            </p>
            {props.after}
          </Section>
          <p style={s.footer}>
            {props.reason}
            <br />
            {channel.name} ·{' '}
            <a href={channel.home} style={s.footerLink} target="_blank" rel="noopener" data-host="true">
              {new URL(channel.home).host}
            </a>
          </p>
        </Container>
      </Body>
    </Html>
  );
}
