import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { rolesOf } from '../../../test/helpers/users';
import { findUserByEmail } from '../auth';
import { runSeeders } from '../kit';

describe('seeding on first start (SEED_DEMO=true)', () => {
  let app: TestApp;
  let printed = '';
  beforeAll(async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      printed += String(chunk);
      return true;
    });
    try {
      app = await startTestApp({ db: 'pglite', env: { ROLES: 'api', SEED_DEMO: 'true' } });
    } finally {
      write.mockRestore();
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('prints the founder’s first-run password once in a box; it signs in and must be changed', async () => {
    expect(printed).toContain('┌');
    expect(printed).toMatch(/shown ONCE/);
    const password = /founder@lsn\.local\s+(\S+)/.exec(printed)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const c = app.client();
    const r = await c.mutate('auth.signIn', { email: 'founder@lsn.local', password });
    expect(r.status).toBe(200);
    expect(r.data.user.mustChangePassword).toBe(true);
    expect((await c.query('auth.me')).data.roles).toEqual(['customer', 'founder']);
  });

  it('creates one demo account per staff role plus a creator and a customer, with the printed passwords', async () => {
    for (const role of ['admin', 'support', 'trust_safety', 'finance', 'ops', 'creator', 'customer']) {
      expect(printed).toMatch(new RegExp(`${role}@lsn\\.local +demo-${role}-password +demo account`));
      const user = await findUserByEmail(app.platform.db, `${role}@lsn.local`);
      expect(await rolesOf(app, user!.id)).toEqual(role === 'customer' ? [] : [role]);
    }
    const c = app.client();
    const r = await c.mutate('auth.signIn', {
      email: 'trust_safety@lsn.local',
      password: 'demo-trust_safety-password',
    });
    expect(r.status).toBe(200);
    expect(r.data.user.mustChangePassword).toBe(false);
  });

  it('running the seeders again creates nothing and prints no password', async () => {
    let out = '';
    const { announced } = await runSeeders(app.platform, { demo: true }, (t) => {
      out += t;
    });
    expect(announced).toEqual([]);
    expect(out).toBe('');
  });

  it('`npm run seed` (more) adds a few demo customers, once', async () => {
    const first = await runSeeders(app.platform, { demo: true, more: true }, () => {});
    expect(first.announced).toHaveLength(5);
    expect(first.announced.every((l) => /customer\d@lsn\.local +demo-customer-password/.test(l))).toBe(true);
    expect((await runSeeders(app.platform, { demo: true, more: true }, () => {})).announced).toEqual([]);
  });
});
