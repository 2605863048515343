import { createTransport } from 'nodemailer';
import type { EmailTransport } from './transport';

/**
 * SMTP through nodemailer, one connection per message (transactional volume; nothing stays open to close
 * at shutdown). `smtp://` upgrades with STARTTLS when the server offers it, `smtps://` is TLS from the
 * start; nodemailer's URL query options (`?requireTLS=true`, `?pool=true`) pass through. The timeouts keep
 * one attempt well inside the `email.send` job's expiry and the message's sending lease.
 */
export function smtpTransport(url: string): EmailTransport {
  const transporter = createTransport({
    url,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    // Nothing in a message may make nodemailer read a local file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const target = new URL(url);
  const port = target.port || (target.protocol === 'smtps:' ? '465' : '587');
  return {
    kind: 'smtp',
    description: `SMTP at ${target.hostname}:${port}`,
    async send(message) {
      const info = await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageIdHeader,
        // RFC 3834: automatic mail, so out-of-office responders stay quiet.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      const response = String(info.response ?? '');
      const queuedAs = /queued as\s+<?([^\s<>]+)>?/i.exec(response)?.[1];
      return { providerMessageId: queuedAs ?? info.messageId ?? message.messageIdHeader, response };
    },
  };
}
