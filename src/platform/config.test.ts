import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, s3PublicBase } from './config';

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

describe('media storage settings', () => {
  const s3 = {
    S3_BUCKET: 'lsn-media',
    S3_REGION: 'auto',
    S3_ACCESS_KEY_ID: 'key',
    S3_SECRET_ACCESS_KEY: 'secret',
  };
  it('half an S3 set-up stops start-up naming what is missing', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'https://r2.example.com' })).toThrow(
      /S3_BUCKET: required when S3_ENDPOINT is set/,
    );
    expect(() => loadConfig({ S3_BUCKET: 'lsn-media', S3_REGION: 'auto' })).toThrow(
      /S3_ACCESS_KEY_ID: required when S3_BUCKET is set\n {2}S3_SECRET_ACCESS_KEY: required when S3_BUCKET is set/,
    );
  });
  it('public addresses: the CDN when given, else the bucket under its endpoint or AWS', () => {
    expect(s3PublicBase(loadConfig({}))).toBeUndefined();
    expect(s3PublicBase(loadConfig(s3))).toBe('https://lsn-media.s3.auto.amazonaws.com');
    expect(s3PublicBase(loadConfig({ ...s3, S3_ENDPOINT: 'https://acc.r2.example.com' }))).toBe(
      'https://lsn-media.acc.r2.example.com',
    );
    expect(
      s3PublicBase(loadConfig({ ...s3, S3_ENDPOINT: 'http://127.0.0.1:9000/', S3_FORCE_PATH_STYLE: 'true' })),
    ).toBe('http://127.0.0.1:9000/lsn-media');
    expect(s3PublicBase(loadConfig({ ...s3, S3_PUBLIC_URL: 'https://media.shop.test/' }))).toBe(
      'https://media.shop.test',
    );
  });
  it('upload limits default to 20 MB images, 200 MB videos, 50 million pixels', () => {
    const c = loadConfig({});
    expect([c.MEDIA_IMAGE_MAX_BYTES, c.MEDIA_VIDEO_MAX_BYTES, c.MEDIA_MAX_PIXELS]).toEqual([
      20 * 1024 * 1024,
      200 * 1024 * 1024,
      50_000_000,
    ]);
  });
});
