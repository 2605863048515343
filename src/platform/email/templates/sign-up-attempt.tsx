import { z } from 'zod';
import { defineEmailTemplate, ZSitePath } from '../define-template';
import { A, EmailLayout, greeting, P, Small } from './layout';

/**
 * Sign-up answers the same whether or not the address already has an account (so nobody can find out
 * who has one); the owner hears about it here instead.
 */
export const signUpAttemptEmail = defineEmailTemplate({
  name: 'sign-up-attempt',
  description: 'Someone tried to create an account with an address that already has one',
  secret: false,
  schema: z.strictObject({
    name: z.string().max(200).optional(),
    signInPath: ZSitePath,
    /** Where to reset the password (the page that asks for the email), e.g. `/forgot-password`. */
    resetPath: ZSitePath,
  }),
  subject: (_data, channel) => `You already have a ${channel.name} account`,
  body: ({ data, channel }) => (
    <EmailLayout
      channel={channel}
      preview="Someone tried to create a new account with this email address."
      heading="You already have an account"
      action={{ label: 'Sign in', href: channel.link(data.signInPath) }}
      after={
        <>
          <Small>
            Forgot your password? Choose a new one here:{' '}
            <A href={channel.link(data.resetPath)}>{channel.link(data.resetPath)}</A>
          </Small>
          <Small>
            Wasn't you? Ignore this email. Nobody gets into your account without your password, and nothing
            has changed.
          </Small>
        </>
      }
      reason={`You got this email because someone entered this address in the sign-up form of ${channel.name}.`}
    >
      <P>{greeting(data.name)}</P>
      <P>
        Someone (hopefully you) just tried to create a {channel.name} account with this email address. You
        already have one, so we didn't create another. Sign in with your existing account instead:
      </P>
    </EmailLayout>
  ),
});
