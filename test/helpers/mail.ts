import { and, desc, eq } from 'drizzle-orm';
import { emailMessages } from '../../src/platform/email';
import type { TestApp } from './app';

export type CaughtMail = typeof emailMessages.$inferSelect;

/**
 * The emails sent to an address (newest first), as the mail catcher holds them: rows of `email_messages`,
 * written in the transaction of the flow that sent them, so they are there as soon as the call answered.
 */
export async function mailTo(app: TestApp, to: string, template?: string): Promise<CaughtMail[]> {
  return app.platform.db
    .select()
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.toAddress, to.trim().toLowerCase()),
        template ? eq(emailMessages.template, template) : undefined,
      ),
    )
    .orderBy(desc(emailMessages.id));
}

/** The newest email of `template` to an address; throws when none was sent. */
export async function lastMailTo(app: TestApp, to: string, template: string): Promise<CaughtMail> {
  const [mail] = await mailTo(app, to, template);
  if (!mail) throw new Error(`no ${template} email to ${to}`);
  return mail;
}

/**
 * The one-time token of the link to `path` in an email's plain-text part (`…/reset-password?token=…`),
 * as a person would copy it from the message.
 */
export function linkToken(mail: CaughtMail, path: string): string {
  const m = new RegExp(`https?://[^\\s/]+${path.replace(/[/-]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(
    mail.text ?? '',
  );
  if (!m) throw new Error(`no ${path} link in the ${mail.template} email: ${mail.text?.slice(0, 400)}`);
  return m[1]!;
}
