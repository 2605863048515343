import { z } from 'zod';
import { defineEmailTemplate, ZSitePath } from '../define-template';
import { formatDuration } from './format';
import { EmailLayout, greeting, P, Small } from './layout';

/** A one-time link to choose a new password; using it signs the account out everywhere else. */
export const resetPasswordEmail = defineEmailTemplate({
  name: 'reset-password',
  description: 'A one-time link to choose a new password',
  secret: true,
  schema: z.strictObject({
    name: z.string().max(200).optional(),
    /** The one-time link's path, e.g. `/reset-password?token=…`. */
    resetPath: ZSitePath,
    expiresInMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  subject: (_data, channel) => `Reset your ${channel.name} password`,
  body: ({ data, channel }) => (
    <EmailLayout
      channel={channel}
      preview={`Choose a new password. The link works once, for the next ${formatDuration(data.expiresInMinutes)}.`}
      heading="Reset your password"
      action={{ label: 'Choose a new password', href: channel.link(data.resetPath) }}
      after={
        <>
          <Small>
            The link works once and expires in {formatDuration(data.expiresInMinutes)}. When you choose a new
            password, every other device signed in to your account is signed out.
          </Small>
          <Small>Didn't ask for this? Ignore this email: your password stays as it is.</Small>
        </>
      }
      reason={`You got this email because someone asked to reset the password of your ${channel.name} account.`}
    >
      <P>{greeting(data.name)}</P>
      <P>
        We got a request to reset the password of your {channel.name} account. If it was you, choose a new
        one:
      </P>
    </EmailLayout>
  ),
});
