import { z } from 'zod';
import { defineEmailTemplate, ZSitePath } from '../define-template';
import { formatDuration } from './format';
import { EmailLayout, greeting, P, Small } from './layout';

/** First run: the founder account has no password yet; this one-time link lets its owner choose it. */
export const founderSetPasswordEmail = defineEmailTemplate({
  name: 'founder-set-password',
  description: "The founder's first-run link to choose the password of the founder account",
  secret: true,
  schema: z.strictObject({
    name: z.string().max(200).optional(),
    /** The one-time link's path, e.g. `/set-password?token=…`. */
    setPasswordPath: ZSitePath,
    expiresInMinutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60),
  }),
  subject: (_data, channel) => `Choose your password for ${channel.name}`,
  body: ({ data, channel }) => (
    <EmailLayout
      channel={channel}
      preview={`${channel.name} is ready. Choose the founder's password to sign in for the first time.`}
      heading={`${channel.name} is ready`}
      action={{ label: 'Choose my password', href: channel.link(data.setPasswordPath) }}
      after={
        <Small>
          The link works once and expires in {formatDuration(data.expiresInMinutes)}. Keep this email to
          yourself: whoever uses the link first owns the founder account.
        </Small>
      }
      reason={`You got this email because this address was given as the founder of ${channel.name} when it was set up.`}
    >
      <P>{greeting(data.name)}</P>
      <P>
        {channel.name} is up and running, and this address is its founder account: the one that can do
        everything, from the console to payouts. Choose its password to sign in for the first time.
      </P>
    </EmailLayout>
  ),
});
