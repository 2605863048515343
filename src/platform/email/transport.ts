/**
 * The email port: how a rendered message leaves the product. Two adapters: SMTP (any server or relay,
 * SendGrid's included) when SMTP_URL is set, else the mail catcher, which keeps the message where the
 * console shows it and sends nothing anywhere.
 */
export interface EmailTransport {
  readonly kind: 'catcher' | 'smtp';
  /** Where mail goes, for the start-up log: never the credentials. */
  readonly description: string;
  send(message: OutgoingEmail): Promise<DeliveryReceipt>;
}

export interface OutgoingEmail {
  /** Our id for the message. */
  id: string;
  /** `<id@sender-domain>`: the same on every attempt, so a copy sent twice is recognisably the same mail. */
  messageIdHeader: string;
  /** As stored: `"Channel name" <no-reply@host>`. */
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface DeliveryReceipt {
  /** The provider's id for the message when its answer names one (`queued as …`), else our Message-ID. */
  providerMessageId: string;
  /** What the provider answered, e.g. `250 2.0.0 Ok: queued as 4Xk…`. */
  response: string;
}

/** An address with a display name, quoted so commas, quotes and angle brackets in a name stay in the name. */
export function formatAddress(name: string, address: string): string {
  const quoted = name.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1');
  return `"${quoted}" <${address}>`;
}

export const messageIdHeader = (id: string, fromAddress: string): string => {
  const domain = /@([^>\s]+)>?$/.exec(fromAddress)?.[1] ?? 'localhost';
  return `<${id}@${domain}>`;
};
