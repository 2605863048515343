import { defineCron, defineModule, definePermissions } from '../kit';
import { deliverEmailQueue, pruneEmailQueue } from './queues';
import { mailRouter } from './router';
import * as schema from './schema';

/**
 * Email: templates in one place, sent as a job from inside the business transaction, delivered through
 * SMTP or kept in the built-in mail catcher that the console shows.
 */
export { catcherTransport } from './catcher-transport';
export {
  defineEmailTemplate,
  type EmailChannel,
  type EmailProps,
  type EmailTemplate,
  ZInstant,
  ZSitePath,
} from './define-template';
export {
  type DeliverEmailJob,
  type DeliverEmailResult,
  deliverEmail,
  SENDING_LEASE_MS,
} from './deliver-email';
export { emailTransport, logEmailDelivery, senderOf } from './delivery';
export { describeDevice } from './describe-device';
export { channelFrom, emailChannel } from './email-channel';
export { deliverEmailQueue, pruneEmailQueue } from './queues';
export { type RenderedEmail, renderEmail } from './render-email';
export { emailMessages } from './schema';
export { type SendEmailInput, sendEmail } from './send-email';
export { smtpTransport } from './smtp-transport';
export {
  emailTemplates,
  founderSetPasswordEmail,
  newSignInEmail,
  resetPasswordEmail,
  signUpAttemptEmail,
  verifyEmail,
} from './templates';
export type { DeliveryReceipt, EmailTransport, OutgoingEmail } from './transport';

export const emailPermissions = definePermissions({
  'mail.read': 'Read the emails the product sent in the channel (the mail catcher), one-time links aside',
});
declare module '../kit' {
  interface PermissionRegistry extends Record<keyof typeof emailPermissions, true> {}
}

export const emailModule = defineModule({
  name: 'email',
  description:
    'Email templates, sending as a job inside the business transaction, SMTP or the built-in mail catcher.',
  router: { mail: mailRouter },
  schema,
  permissions: emailPermissions,
  roleGrants: { admin: ['mail.read'] },
  queues: [deliverEmailQueue, pruneEmailQueue],
  cron: [
    defineCron({
      queue: pruneEmailQueue.name,
      cron: '47 3 * * *',
      description: 'Daily at 03:47: delete emails older than EMAIL_RETENTION_DAYS',
    }),
  ],
});
