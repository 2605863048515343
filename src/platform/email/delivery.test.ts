import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Platform } from '../platform';
import { emailTransport, logEmailDelivery, senderOf } from './delivery';

/** A platform with just what start-up's email line reads, and a logger that keeps what it was told. */
function platformWith(env: Record<string, string>) {
  const lines: { level: string; msg: string; data: unknown }[] = [];
  const at = (level: string) => (data: unknown, msg: string) => lines.push({ level, msg, data });
  const platform = {
    config: loadConfig({ SESSION_SECRET: 'x'.repeat(32), ...env }),
    log: { info: at('info'), warn: at('warn') },
  } as unknown as Platform;
  return { platform, lines };
}

describe('where email goes', () => {
  it('in production without SMTP_URL the product starts, with a warning that nobody receives email', () => {
    const { platform, lines } = platformWith({ NODE_ENV: 'production' });
    expect(emailTransport(platform).kind).toBe('catcher');
    logEmailDelivery(platform);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('warn');
    expect(lines[0]!.msg).toMatch(/SMTP_URL is not set: emails only reach the built-in mail catcher/);
  });

  it('in development the catcher is the default, said once at start', () => {
    const { platform, lines } = platformWith({});
    logEmailDelivery(platform);
    expect(lines.map((l) => l.level)).toEqual(['info']);
    expect(lines[0]!.msg).toMatch(/mail catcher/);
  });

  it('with SMTP_URL it says which server, never the credentials', () => {
    const { platform, lines } = platformWith({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://apikey:SG.very-secret@smtp.sendgrid.net:587',
    });
    expect(emailTransport(platform).kind).toBe('smtp');
    logEmailDelivery(platform);
    expect(lines.map((l) => l.level)).toEqual(['info']);
    expect(lines[0]!.msg).toBe('Emails go out through SMTP at smtp.sendgrid.net:587');
    expect(JSON.stringify(lines)).not.toContain('very-secret');
  });

  it("the sender is no-reply at PUBLIC_URL's host under the channel's name, unless SMTP_FROM says otherwise", () => {
    expect(senderOf(loadConfig({ PUBLIC_URL: 'https://shop.example.com' }), 'Glow Live')).toBe(
      '"Glow Live" <no-reply@shop.example.com>',
    );
    expect(senderOf(loadConfig({ SMTP_FROM: 'hello@brand.example' }), 'Glow Live')).toBe(
      '"Glow Live" <hello@brand.example>',
    );
    expect(senderOf(loadConfig({ SMTP_FROM: 'Brand <hello@brand.example>' }), 'Glow Live')).toBe(
      '"Brand" <hello@brand.example>',
    );
    expect(senderOf(loadConfig({}), 'Say "hi", \\o/')).toBe('"Say \\"hi\\", \\\\o/" <no-reply@localhost>');
  });
});
