import type { Config } from '../config';
import type { Platform } from '../platform';
import { catcherTransport } from './catcher-transport';
import { smtpTransport } from './smtp-transport';
import { type EmailTransport, formatAddress } from './transport';

const transports = new WeakMap<Platform, EmailTransport>();

/** The adapter this deployment delivers with: SMTP when SMTP_URL is set, else the mail catcher. */
export function emailTransport(platform: Platform): EmailTransport {
  let transport = transports.get(platform);
  if (!transport) {
    transport = platform.config.SMTP_URL ? smtpTransport(platform.config.SMTP_URL) : catcherTransport;
    transports.set(platform, transport);
  }
  return transport;
}

/**
 * Who an email is from: SMTP_FROM's address (default `no-reply@<PUBLIC_URL's host>`) under SMTP_FROM's
 * name, else the channel's, so each channel's mail arrives under its own name.
 */
export function senderOf(config: Config, channelName: string): string {
  const address = config.SMTP_FROM?.address ?? `no-reply@${new URL(config.PUBLIC_URL).hostname}`;
  return formatAddress(config.SMTP_FROM?.name ?? channelName, address);
}

/**
 * Says at start where email goes. In production without SMTP_URL the product still starts (the catcher
 * works), but nobody receives anything, which must not go unnoticed.
 */
export function logEmailDelivery(platform: Platform): void {
  const { config, log } = platform;
  const transport = emailTransport(platform);
  if (transport.kind === 'smtp') {
    log.info({ email: transport.description }, `Emails go out through ${transport.description}`);
  } else if (config.NODE_ENV === 'production') {
    log.warn(
      { email: 'catcher' },
      'SMTP_URL is not set: emails only reach the built-in mail catcher (console → Mail) and nobody receives them. Set SMTP_URL to send real email.',
    );
  } else {
    log.info({ email: 'catcher' }, 'Emails go to the built-in mail catcher: console → Mail');
  }
}
