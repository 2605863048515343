import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { waitFor } from '../../../test/helpers/wait-for';
import { channels } from '../access';
import { newId } from '../ids';
import { pruneEmail } from './prune-email';
import { emailMessages } from './schema';
import { sendEmail } from './send-email';
import { resetPasswordEmail, signUpAttemptEmail, verifyEmail } from './templates';
import { inFlow, jobCtx, jobsFor } from './test-helpers';

const delivered = (app: TestApp, id: string) =>
  waitFor(`email ${id} to be delivered`, async () => {
    app.platform.jobs.wake('email.send');
    const [row] = await app.platform.db.select().from(emailMessages).where(eq(emailMessages.id, id));
    return row?.status === 'sent' ? row : undefined;
  });

describe('sending email with the built-in mail catcher (no SMTP_URL)', () => {
  let app: TestApp;
  let admin: TestClient;
  const channelB = newId();
  let bAdmin: TestClient;

  beforeAll(async () => {
    app = await startTestApp();
    admin = (await signUpAs(app, ['admin'])).client;
    await app.platform.db
      .insert(channels)
      .values({ id: channelB, slug: 'b', name: 'Channel B', domains: ['b.example.test'] });
    bAdmin = (
      await signUpAs(app, ['admin'], { channelId: channelB, client: app.client({ host: 'b.example.test' }) })
    ).client;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an email exists only if the business change commits: a rolled-back one leaves no message and no job', async () => {
    await onlyCommittedEmailsExist(app);
  });

  it('the job carries only the message id, never the email or its link', async () => {
    const { messageId } = await inFlow(app.platform, (tx) =>
      sendEmail(tx, {
        to: 'job-data@example.test',
        template: verifyEmail,
        data: { verifyPath: '/verify-email?token=secret-in-body', expiresInMinutes: 60 },
      }),
    );
    const jobs = await app.platform.jobs.list('email.send', 'queued', 500);
    const completed = await app.platform.jobs.list('email.send', 'completed', 500);
    const job = [...jobs, ...completed].find(
      (j) => (j.data as { messageId?: string }).messageId === messageId,
    );
    expect(job?.data).toEqual({ messageId });
    await delivered(app, messageId);
  });

  it('a bad recipient is refused before anything is stored', async () => {
    await expect(
      inFlow(app.platform, (tx) =>
        sendEmail(tx, {
          to: 'not an address',
          template: signUpAttemptEmail,
          data: { signInPath: '/sign-in', resetPath: '/forgot-password' },
        }),
      ),
    ).rejects.toThrow(/to: is not an email address/);
  });

  it('the console lists a channel’s mail newest first, pages with a cursor, and searches recipient or subject', async () => {
    const ids: string[] = [];
    for (const who of ['page1', 'page2', 'page3', 'page4', 'page5']) {
      ids.push(
        (
          await inFlow(app.platform, (tx) =>
            sendEmail(tx, {
              to: `${who}@paging.example.test`,
              template: signUpAttemptEmail,
              data: { signInPath: '/sign-in', resetPath: '/forgot-password' },
            }),
          )
        ).messageId,
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await admin.query('mail.list', {
        search: 'PAGING.example',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      seen.push(...res.data.messages.map((m: { id: string }) => m.id));
      cursor = res.data.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());

    const bySubject = await admin.query('mail.list', { search: 'already have a live shopping' });
    expect(bySubject.data.messages.length).toBeGreaterThanOrEqual(5);
    const none = await admin.query('mail.list', { search: '%' });
    expect(none.data.messages).toEqual([]);

    const one = await admin.query('mail.get', { id: ids[0] });
    expect(one.status).toBe(200);
    expect(one.data).toMatchObject({
      id: ids[0],
      to: 'page1@paging.example.test',
      template: 'sign-up-attempt',
      subject: 'You already have a Live Shopping Network account',
    });
    expect(one.data.html).toContain('<!DOCTYPE html');
    expect(one.data.text).toContain('http://localhost');
    expect(one.data.bodyNote).toBeNull();

    // REST serves the same procedures.
    const rest = await admin.request('GET', `/api/v1/mail/${ids[0]}`);
    expect(rest.status).toBe(200);
    expect(rest.body.subject).toBe(one.data.subject);
  });

  it("a channel's mail is invisible from another channel", async () => {
    const { messageId: inB } = await inFlow(
      app.platform,
      (tx) =>
        sendEmail(tx, {
          to: 'b-customer@example.test',
          template: signUpAttemptEmail,
          data: { signInPath: '/sign-in', resetPath: '/forgot-password' },
        }),
      channelB,
    );
    const row = await delivered(app, inB);
    expect(row.channelId).toBe(channelB);
    // B's links and sender name are B's own.
    expect(row.text).toContain('http://b.example.test:');
    expect(row.fromAddress).toBe('"Channel B" <no-reply@localhost>');

    const fromA = await admin.query('mail.list', { search: 'b-customer' });
    expect(fromA.data.messages).toEqual([]);
    const getFromA = await admin.query('mail.get', { id: inB });
    expect(getFromA.status).toBe(404);
    const allOfA = await admin.query('mail.list', { limit: 100 });
    expect(allOfA.data.messages.map((m: { id: string }) => m.id)).not.toContain(inB);

    // (B's admin signed up on B, so B's catcher also holds their own confirmation email.)
    const fromB = await bAdmin.query('mail.list', { search: 'b-customer' });
    expect(fromB.data.messages.map((m: { id: string }) => m.id)).toEqual([inB]);
    expect((await bAdmin.query('mail.get', { id: inB })).status).toBe(200);
  });

  it('the daily prune deletes emails older than EMAIL_RETENTION_DAYS and keeps the rest', async () => {
    const old = newId();
    const now = app.platform.clock.now().getTime();
    await app.platform.db.insert(emailMessages).values({
      id: old,
      channelId: app.platform.defaultChannelId,
      template: 'sign-up-attempt',
      toAddress: 'old@example.test',
      fromAddress: '"Shop" <no-reply@localhost>',
      subject: 'Old',
      html: '<p>Old</p>',
      text: 'Old',
      status: 'sent',
      createdAt: new Date(now - 31 * 24 * 3600_000),
    });
    const kept = (await admin.query('mail.list', { limit: 100 })).data.messages.length;
    expect(await pruneEmail(jobCtx(app.platform))).toEqual({ deleted: 1 });
    expect(await app.platform.db.select().from(emailMessages).where(eq(emailMessages.id, old))).toEqual([]);
    expect((await admin.query('mail.list', { limit: 100 })).data.messages.length).toBe(kept - 1);
  });

  it('staff without mail.read cannot open the catcher', async () => {
    const support = (await signUpAs(app, ['support'])).client;
    expect((await support.query('mail.list', {})).status).toBe(403);
    expect((await app.client().query('mail.list', {})).status).toBe(401);
  });
});

/** Shared by both databases: PGlite runs the product by default, PostgreSQL in production. */
async function onlyCommittedEmailsExist(app: TestApp) {
  let rolledBack = '';
  await inFlow(app.platform, async (tx) => {
    rolledBack = (
      await sendEmail(tx, {
        to: 'ann@example.test',
        template: resetPasswordEmail,
        data: { resetPath: '/reset-password?token=never', expiresInMinutes: 30 },
      })
    ).messageId;
    throw new Error('the business change failed');
  }).catch(() => {});
  expect(rolledBack).not.toBe('');
  expect(await app.platform.db.select().from(emailMessages).where(eq(emailMessages.id, rolledBack))).toEqual(
    [],
  );
  expect(await jobsFor(app.platform, rolledBack)).toEqual([]);

  const { messageId } = await inFlow(app.platform, (tx) =>
    sendEmail(tx, {
      to: 'ann@example.test',
      template: resetPasswordEmail,
      data: { resetPath: '/reset-password?token=kept', expiresInMinutes: 30 },
    }),
  );
  expect(await jobsFor(app.platform, messageId)).toHaveLength(1);
  const row = await delivered(app, messageId);
  expect(row.transport).toBe('catcher');
  expect(row.attempts).toBe(1);
  // The catcher is the delivery: the link stays readable there.
  expect(row.text).toContain('http://localhost');
  expect(row.text).toContain('/reset-password?token=kept');
  expect(row.fromAddress).toBe('"Live Shopping Network" <no-reply@localhost>');
  // Exactly one message and one job reached the committed side for this recipient.
  const stored = await app.platform.db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.toAddress, 'ann@example.test'));
  expect(stored.map((m) => m.id)).toEqual([messageId]);
}

describe('sending email on PostgreSQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'postgres' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an email exists only if the business change commits: a rolled-back one leaves no message and no job', async () => {
    await onlyCommittedEmailsExist(app);
  });
});
