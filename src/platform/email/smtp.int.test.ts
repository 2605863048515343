import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { waitFor } from '../../../test/helpers/wait-for';
import { channels } from '../access';
import { newId } from '../ids';
import { deliverEmail, SENDING_LEASE_MS } from './deliver-email';
import { emailMessages } from './schema';
import { sendEmail } from './send-email';
import { newSignInEmail, resetPasswordEmail } from './templates';
import { inFlow, jobCtx, jobsFor } from './test-helpers';
import { startTestSmtpServer } from './test-smtp-server';

/**
 * The real SMTP adapter (nodemailer) against a real SMTP server started here, which demands AUTH the way
 * a provider's relay does (SendGrid's user is literally `apikey`).
 */
describe('sending email through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  let app: TestApp;
  let admin: TestClient;
  // A name with a comma, quotes and an accent: the From header must keep it whole.
  const channelName = 'Café "Glow", Live';

  const message = (id: string) =>
    app.platform.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.id, id))
      .then((rows) => rows[0]!);
  const arrivalsFor = (to: string) => smtp.received.filter((r) => r.envelope.to.includes(to));

  beforeAll(async () => {
    smtp = await startTestSmtpServer({ user: 'apikey', pass: 'SG.test-key' });
    app = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://shop.example.test' } });
    await app.platform.db
      .update(channels)
      .set({ name: channelName })
      .where(eq(channels.id, app.platform.defaultChannelId));
    admin = (await signUpAs(app, ['admin'])).client;
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('what arrives: sender, recipient, subject, Message-ID, both parts with the link, after AUTH', async () => {
    const { messageId } = await inFlow(app.platform, (tx) =>
      sendEmail(tx, {
        to: 'ann@example.test',
        template: resetPasswordEmail,
        data: { name: 'Ann', resetPath: '/reset-password?token=t-1', expiresInMinutes: 30 },
      }),
    );
    app.platform.jobs.wake('email.send');
    const [arrived] = await waitFor('the email to arrive', async () => {
      const got = arrivalsFor('ann@example.test');
      return got.length ? got : undefined;
    });
    expect(arrived!.user).toBe('apikey');
    expect(arrived!.envelope.from).toBe('no-reply@shop.example.test');
    const mail = arrived!.mail;
    expect(mail.from?.value).toEqual([{ name: channelName, address: 'no-reply@shop.example.test' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
      { name: '', address: 'ann@example.test' },
    ]);
    expect(mail.subject).toBe(`Reset your ${channelName} password`);
    expect(mail.messageId).toBe(`<${messageId}@shop.example.test>`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.html).toContain('href="https://shop.example.test/reset-password?token=t-1"');
    expect(mail.text).toContain('Choose a new password:\nhttps://shop.example.test/reset-password?token=t-1');
    expect(mail.text).toContain('expires in 30 minutes');

    const row = await waitFor('the message to be marked sent', async () => {
      const r = await message(messageId);
      return r.status === 'sent' ? r : undefined;
    });
    expect(row).toMatchObject({
      transport: 'smtp',
      attempts: 1,
      providerMessageId: `TEST${smtp.received.indexOf(arrived!) + 1}`,
      lastError: null,
    });
    expect(row.providerResponse).toMatch(/^250 2\.0\.0 Ok: queued as TEST\d+$/);
    // The one-time link went to its recipient; it is not kept, nor shown to staff.
    expect(row.html).toBeNull();
    expect(row.text).toBeNull();
    expect(row.bodyRemovedAt).not.toBeNull();
    const shown = await admin.query('mail.get', { id: messageId });
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ html: null, text: null, status: 'sent', transport: 'smtp' });
    expect(shown.data.bodyNote).toMatch(/one-time link/);
  });

  it('an email without a one-time link keeps its body for the console', async () => {
    const { messageId } = await inFlow(app.platform, (tx) =>
      sendEmail(tx, {
        to: 'bob@example.test',
        template: newSignInEmail,
        data: {
          at: '2026-12-02T15:20:00Z',
          userAgent: null,
          ip: '198.51.100.4',
          resetPath: '/forgot-password',
        },
      }),
    );
    app.platform.jobs.wake('email.send');
    await waitFor('the email to arrive', async () => arrivalsFor('bob@example.test').length > 0);
    const shown = await waitFor('the message to be marked sent', async () => {
      const r = await admin.query('mail.get', { id: messageId });
      return r.data?.status === 'sent' ? r.data : undefined;
    });
    expect(shown.html).toContain('198.51.100.4');
    expect(shown.bodyNote).toBeNull();
  });

  it('a refusal is retried with exponential back-off, then delivered exactly once', async () => {
    smtp.refuseNext(1);
    const { messageId } = await inFlow(app.platform, (tx) =>
      sendEmail(tx, {
        to: 'carol@example.test',
        template: resetPasswordEmail,
        data: { resetPath: '/reset-password?token=t-2', expiresInMinutes: 30 },
      }),
    );
    app.platform.jobs.wake('email.send');
    const failed = await waitFor('the first attempt to be refused', async () => {
      const r = await message(messageId);
      return r.status === 'failed' ? r : undefined;
    });
    expect(failed.lastError).toMatch(/^451 4\.3\.2 Mailbox busy, try again later/);
    expect(failed.attempts).toBe(1);
    expect(arrivalsFor('carol@example.test')).toHaveLength(0);

    // pg-boss holds the retry back: the first delay is 10-20 s (retryDelay 10, doubling, with jitter).
    const [job] = await waitFor('the job to wait for its retry', async () => {
      const jobs = await jobsFor(app.platform, messageId);
      return jobs[0]?.state === 'retry' ? jobs : undefined;
    });
    const wait = new Date(job!.start_after).getTime() - Date.now();
    expect(wait).toBeGreaterThan(8_000);
    expect(wait).toBeLessThanOrEqual(20_000);
    // Bring the retry forward rather than sit through the back-off.
    await app.platform.db.execute(sql`update pgboss.job set start_after = now() where id = ${job!.id}`);
    app.platform.jobs.wake('email.send');

    const sent = await waitFor('the retry to deliver it', async () => {
      const r = await message(messageId);
      return r.status === 'sent' ? r : undefined;
    });
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeNull();
    expect(arrivalsFor('carol@example.test')).toHaveLength(1);
    expect(arrivalsFor('carol@example.test')[0]!.mail.messageId).toBe(`<${messageId}@shop.example.test>`);
  });

  it('a job that runs again after the send (a redelivery after a crash) sends nothing', async () => {
    const { messageId } = await inFlow(app.platform, (tx) =>
      sendEmail(tx, {
        to: 'dave@example.test',
        template: resetPasswordEmail,
        data: { resetPath: '/reset-password?token=t-3', expiresInMinutes: 30 },
      }),
    );
    app.platform.jobs.wake('email.send');
    await waitFor('the message to be sent', async () => (await message(messageId)).status === 'sent');
    expect(await deliverEmail(jobCtx(app.platform), { messageId })).toEqual({ skipped: 'already sent' });
    expect(await deliverEmail(jobCtx(app.platform), { messageId })).toEqual({ skipped: 'already sent' });
    expect(arrivalsFor('dave@example.test')).toHaveLength(1);
    expect((await message(messageId)).attempts).toBe(1);
  });

  it('two runs of the same job at once: one sends, the other backs off', async () => {
    // Stored without a job, so only the two runs below compete for it.
    const id = newId();
    await app.platform.db.insert(emailMessages).values({
      id,
      channelId: app.platform.defaultChannelId,
      template: 'new-sign-in',
      toAddress: 'erin@example.test',
      fromAddress: '"Shop" <no-reply@shop.example.test>',
      subject: 'Twice?',
      html: '<p>Once</p>',
      text: 'Once',
      createdAt: new Date(),
    });
    const results = await Promise.allSettled([
      deliverEmail(jobCtx(app.platform), { messageId: id }),
      deliverEmail(jobCtx(app.platform), { messageId: id }),
    ]);
    const sent = results.filter((r) => r.status === 'fulfilled' && 'sent' in r.value);
    const other = results.filter((r) => !(r.status === 'fulfilled' && 'sent' in r.value));
    expect(sent).toHaveLength(1);
    expect(other).toHaveLength(1);
    const loser = other[0]!;
    if (loser.status === 'rejected') expect(String(loser.reason)).toMatch(/Another attempt is sending/);
    else expect(loser.value).toEqual({ skipped: 'already sent' });
    expect(arrivalsFor('erin@example.test')).toHaveLength(1);
  });

  it('an attempt that died mid-send is taken over only after its lease ends', async () => {
    const id = newId();
    const now = app.platform.clock.now().getTime();
    await app.platform.db.insert(emailMessages).values({
      id,
      channelId: app.platform.defaultChannelId,
      template: 'new-sign-in',
      toAddress: 'frank@example.test',
      fromAddress: '"Shop" <no-reply@shop.example.test>',
      subject: 'Lease',
      html: '<p>Lease</p>',
      text: 'Lease',
      status: 'sending',
      attempts: 1,
      leaseUntil: new Date(now + SENDING_LEASE_MS / 2),
      createdAt: new Date(now),
    });
    await expect(deliverEmail(jobCtx(app.platform), { messageId: id })).rejects.toThrow(/Another attempt/);
    expect(arrivalsFor('frank@example.test')).toHaveLength(0);

    await app.platform.db
      .update(emailMessages)
      .set({ leaseUntil: new Date(now - 1_000) })
      .where(eq(emailMessages.id, id));
    expect(await deliverEmail(jobCtx(app.platform), { messageId: id })).toMatchObject({ sent: id });
    expect(arrivalsFor('frank@example.test')).toHaveLength(1);
    expect((await message(id)).attempts).toBe(2);
  });
});
