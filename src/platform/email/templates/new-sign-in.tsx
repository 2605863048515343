import { z } from 'zod';
import { defineEmailTemplate, ZInstant, ZSitePath } from '../define-template';
import { describeDevice } from '../describe-device';
import { formatInstant } from './format';
import { A, EmailLayout, Facts, greeting, P, Small } from './layout';

/** Tells the owner about a sign-in, with what we know of it, and the way out if it wasn't them. */
export const newSignInEmail = defineEmailTemplate({
  name: 'new-sign-in',
  description: 'A new sign-in to the account, with the way to lock it down if it was not its owner',
  secret: false,
  schema: z.strictObject({
    name: z.string().max(200).optional(),
    at: ZInstant,
    /** The browser's user-agent string, as the session recorded it. */
    userAgent: z.string().max(1_000).nullish(),
    ip: z.string().max(100).nullish(),
    /** Approximate place from the address (geo-ip), e.g. `Lisbon, Portugal`. */
    place: z.string().max(200).nullish(),
    /** Where to reset the password (the page that asks for the email), e.g. `/forgot-password`. */
    resetPath: ZSitePath,
    /** Where to see and end sessions, e.g. `/account/sessions`. */
    sessionsPath: ZSitePath.optional(),
  }),
  subject: (_data, channel) => `New sign-in to your ${channel.name} account`,
  body: ({ data, channel }) => {
    const device = describeDevice(data.userAgent);
    const where = [data.place ? `Near ${data.place}` : null, data.ip ? `IP address ${data.ip}` : null]
      .filter(Boolean)
      .join(', ');
    return (
      <EmailLayout
        channel={channel}
        preview={`${device}, ${formatInstant(data.at)}. Wasn't you? Reset your password.`}
        heading="New sign-in to your account"
        action={{ label: 'Reset my password', href: channel.link(data.resetPath) }}
        after={
          <>
            <Small>A new password signs out every other device, including whoever this was.</Small>
            {data.sessionsPath ? (
              <Small>
                You can also see every device signed in to your account:{' '}
                <A href={channel.link(data.sessionsPath)}>{channel.link(data.sessionsPath)}</A>
              </Small>
            ) : null}
          </>
        }
        reason={`You got this email because we tell you about every new sign-in to your ${channel.name} account.`}
      >
        <P>{greeting(data.name)}</P>
        <P>Your {channel.name} account was just signed in to:</P>
        <Facts
          rows={[
            ['When', formatInstant(data.at)],
            ['Device', device],
            ...(where ? [['Where', `${where} (approximate)`] as const] : []),
          ]}
        />
        <P>If this was you, there is nothing to do. If it wasn't you, reset your password now:</P>
      </EmailLayout>
    );
  },
});
