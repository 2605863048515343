import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the server received it: the SMTP envelope, who authenticated, and the parsed mail. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  user: string | undefined;
  raw: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server on a free local port (the `smtp-server` package), for tests of the SMTP adapter:
 * it requires AUTH like a provider's relay (SendGrid's user is `apikey`), keeps every message it
 * accepts, and can be told to refuse the next ones with a temporary failure.
 */
export async function startTestSmtpServer(opts: { user: string; pass: string }) {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    // No TLS in the test: AUTH over a plain local connection, which the server must be told to allow.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === opts.user && auth.password === opts.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          callback(Object.assign(new Error('4.3.2 Mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (mail) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              user: typeof session.user === 'string' ? session.user : undefined,
              raw,
              mail,
            });
            callback(null, `2.0.0 Ok: queued as TEST${received.length}`);
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    /** SMTP_URL for the product, with the credentials this server accepts. */
    url: `smtp://${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.pass)}@127.0.0.1:${port}`,
    received,
    /** The next `n` messages get `451 Mailbox busy, try again later`. */
    refuseNext(n: number) {
      refusals = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
