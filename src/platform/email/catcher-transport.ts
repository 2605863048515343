import type { EmailTransport } from './transport';

/**
 * The default adapter: the message is already stored (email_messages) and the console's Mail page shows
 * it, so delivering is only recording that it arrived. Nothing leaves the machine.
 */
export const catcherTransport: EmailTransport = {
  kind: 'catcher',
  description: 'the built-in mail catcher (console → Mail)',
  async send(message) {
    return { providerMessageId: message.messageIdHeader, response: 'Kept in the mail catcher' };
  },
};
