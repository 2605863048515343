import { describe, expect, it } from 'vitest';
import { describeDevice } from './describe-device';
import { channelFrom } from './email-channel';
import { renderEmail } from './render-email';
import {
  emailTemplates,
  founderSetPasswordEmail,
  newSignInEmail,
  resetPasswordEmail,
  signUpAttemptEmail,
  verifyEmail,
} from './templates';

const channel = channelFrom('Glow Live', ['glow.example.com'], 'https://shop.example.com');

/** Each template with sample data and the link its call to action must carry. */
const samples = [
  {
    template: verifyEmail,
    data: { name: 'Ann', verifyPath: '/verify-email?token=v-123', expiresInMinutes: 24 * 60 },
    link: 'https://glow.example.com/verify-email?token=v-123',
    says: ['Confirm your email address', '24 hours'],
  },
  {
    template: resetPasswordEmail,
    data: { name: 'Ann', resetPath: '/reset-password?token=r-456', expiresInMinutes: 30 },
    link: 'https://glow.example.com/reset-password?token=r-456',
    says: ['Reset your password', '30 minutes', 'signed out'],
  },
  {
    template: newSignInEmail,
    data: {
      name: 'Ann',
      at: '2026-12-02T15:20:00Z',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      ip: '203.0.113.7',
      resetPath: '/forgot-password',
      sessionsPath: '/account/sessions',
    },
    link: 'https://glow.example.com/forgot-password',
    says: ['Firefox on Windows', '203.0.113.7', 'December 2, 2026', '3:20', 'UTC', "wasn't you"],
  },
  {
    template: signUpAttemptEmail,
    data: { signInPath: '/sign-in', resetPath: '/forgot-password' },
    link: 'https://glow.example.com/sign-in',
    says: ['You already have an account', 'https://glow.example.com/forgot-password'],
  },
  {
    template: founderSetPasswordEmail,
    data: { setPasswordPath: '/set-password?token=f-789', expiresInMinutes: 48 * 60 },
    link: 'https://glow.example.com/set-password?token=f-789',
    says: ['founder', '48 hours'],
  },
] as const;

describe('email templates', () => {
  it('every template in the list has a sample here', () => {
    expect(samples.map((s) => s.template.name).sort()).toEqual(emailTemplates.map((t) => t.name).sort());
  });

  for (const sample of samples) {
    it(`${sample.template.name}: renders HTML and plain text, each with its link, the channel and why it came`, async () => {
      const email = await renderEmail(sample.template as never, sample.data, channel);
      expect(email.subject).toContain('Glow Live');
      expect(email.subject).not.toMatch(/[\r\n]/);
      // HTML: a document with the link as a button and written out, the channel's name, the footer.
      expect(email.html).toMatch(/^<!DOCTYPE html/);
      expect(email.html).toContain(`href="${sample.link.replace(/&/g, '&amp;')}"`);
      expect(email.html.split(sample.link).length - 1).toBeGreaterThanOrEqual(2);
      expect(email.html).toContain('Glow Live');
      expect(email.html).toContain('You got this email because');
      // Plain text: no markup, the link on its own line after the action, the same footer.
      expect(email.text).not.toMatch(/<[a-z][^>]*>/i);
      expect(email.text).toContain(`:\n${sample.link}`);
      expect(email.text).toContain('You got this email because');
      expect(email.text).toContain('Glow Live');
      for (const words of sample.says) {
        expect(email.text.toLowerCase()).toContain(words.toLowerCase());
        expect(email.html.toLowerCase()).toContain(words.toLowerCase().replace(/'/g, '&#x27;'));
      }
    });
  }

  it('data that does not match the template is refused, naming the field', async () => {
    await expect(
      renderEmail(resetPasswordEmail, { resetPath: '/reset', expiresInMinutes: 'soon' } as never, channel),
    ).rejects.toThrow(/expiresInMinutes/);
  });

  it('a link can only point at the channel: absolute, protocol-relative and backslash paths are refused', async () => {
    for (const resetPath of [
      'https://evil.example/reset',
      '//evil.example/reset',
      '/\\evil.example',
      'reset',
    ]) {
      await expect(
        renderEmail(resetPasswordEmail, { resetPath, expiresInMinutes: 30 }, channel),
        resetPath,
      ).rejects.toThrow(/resetPath/);
    }
    expect(() => channel.link('//evil.example/x')).toThrow();
  });

  it('what people typed is text, never markup', async () => {
    const email = await renderEmail(
      verifyEmail,
      { name: '<img src=x onerror=alert(1)>', verifyPath: '/v?t=1', expiresInMinutes: 60 },
      channelFrom('<b>Shop</b>', [], 'http://localhost:3000'),
    );
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).not.toContain('<b>Shop</b>');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('links use the channel’s own address: its first domain, else PUBLIC_URL', () => {
    expect(channelFrom('A', [], 'http://localhost:3000').link('/x?y=1')).toBe('http://localhost:3000/x?y=1');
    expect(channelFrom('B', ['b.example.com'], 'https://main.example.com').link('/x')).toBe(
      'https://b.example.com/x',
    );
    expect(channelFrom('B', ['b.test'], 'http://localhost:3000').home).toBe('http://b.test:3000/');
  });
});

describe('devices as people name them', () => {
  it.each([
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
      'Chrome on iPhone',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    ['curl/8.5.0', 'A script'],
    ['', 'An unknown device'],
    [null, 'An unknown device'],
  ])('%s → %s', (ua, expected) => {
    expect(describeDevice(ua)).toBe(expected);
  });
});
