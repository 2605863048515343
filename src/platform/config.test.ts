import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('runs on the embedded default with no variables set', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./.data');
    expect(c.PORT).toBe(3000);
    expect(c.ROLES).toEqual(['api', 'worker']);
    expect(c.PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('the public address follows the port unless it is set', () => {
    expect(loadConfig({ PORT: '3200' }).PUBLIC_URL).toBe('http://localhost:3200');
    expect(loadConfig({ PORT: '3200', PUBLIC_URL: 'https://shop.example.com' }).PUBLIC_URL).toBe(
      'https://shop.example.com',
    );
  });

  it('a bad value stops start-up with a message naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ ROLES: 'api,cook' })).toThrow(/ROLES/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  it('accepts PostgreSQL, Redis and NATS URLs', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/x',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NATS_URL: 'nats://127.0.0.1:4222',
    });
    expect(c.DATABASE_URL).toContain('postgres://');
    expect(c.REDIS_URL).toContain('redis://');
  });

  it('demo data is on by default, but in production only when asked for on purpose', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({}).SEED_DEMO).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).SEED_DEMO).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, SEED_DEMO: 'true' }).SEED_DEMO).toBe(
      true,
    );
  });

  it('email: SMTP_URL takes smtp:// or smtps://, SMTP_FROM an address with or without a name', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://apikey:key@smtp.sendgrid.net:587' }).SMTP_URL).toContain(
      'sendgrid',
    );
    expect(() => loadConfig({ SMTP_URL: 'https://smtp.example.com' })).toThrow(/SMTP_URL/);
    expect(loadConfig({ SMTP_FROM: 'Shop <no-reply@shop.example.com>' }).SMTP_FROM).toEqual({
      name: 'Shop',
      address: 'no-reply@shop.example.com',
    });
    expect(loadConfig({ SMTP_FROM: 'no-reply@shop.example.com' }).SMTP_FROM).toEqual({
      name: undefined,
      address: 'no-reply@shop.example.com',
    });
    expect(() => loadConfig({ SMTP_FROM: 'Shop <no-reply@shop' })).toThrow(/SMTP_FROM/);
    expect(loadConfig({}).EMAIL_RETENTION_DAYS).toBe(30);
  });
});
