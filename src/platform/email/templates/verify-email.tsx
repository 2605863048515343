import { z } from 'zod';
import { defineEmailTemplate, ZSitePath } from '../define-template';
import { formatDuration } from './format';
import { EmailLayout, greeting, P, Small } from './layout';

/** Sent at sign-up (and on request): proves the address belongs to the person who signed up. */
export const verifyEmail = defineEmailTemplate({
  name: 'verify-email',
  description: 'Confirm the email address of a new account',
  secret: true,
  schema: z.strictObject({
    name: z.string().max(200).optional(),
    /** The one-time link's path, e.g. `/verify-email?token=…`. */
    verifyPath: ZSitePath,
    expiresInMinutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60),
  }),
  subject: (_data, channel) => `Confirm your email address for ${channel.name}`,
  body: ({ data, channel }) => (
    <EmailLayout
      channel={channel}
      preview="One click and your account is ready."
      heading="Confirm your email address"
      action={{ label: 'Confirm my email', href: channel.link(data.verifyPath) }}
      after={<Small>The link works once and expires in {formatDuration(data.expiresInMinutes)}.</Small>}
      reason={`You got this email because someone signed up for ${channel.name} with this address. If it wasn't you, ignore it: the account stays unconfirmed.`}
    >
      <P>{greeting(data.name)}</P>
      <P>
        Welcome to {channel.name}! Confirm that this address is yours, so we can send you order updates and
        help you back in if you ever forget your password.
      </P>
    </EmailLayout>
  ),
});
