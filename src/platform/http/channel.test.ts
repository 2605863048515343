import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createCacheHub } from '../cache';
import { systemClock } from '../clock';
import type { Platform } from '../platform';
import { createMemoryBus } from '../realtime/memory-bus';
import { resolveChannelId } from './channel';

/** The cache's name and cap (channel.ts), spelled out: the test checks behaviour, not the constants. */
const CACHE_NAME = 'http.channel-by-host';
const CAP = 10_000;

/** A platform whose database knows one channel domain and counts the lookups it answers. */
async function platformWithDomains(domains: Record<string, string>) {
  const lookups: string[] = [];
  const db = {
    select: () => ({
      from: () => ({
        where: (cond: { queryChunks: unknown[] }) => ({
          limit: async () => {
            const host = cond.queryChunks.find((c) => typeof c === 'string') as string;
            lookups.push(host);
            return domains[host] ? [{ id: domains[host] }] : [];
          },
        }),
      }),
    }),
  };
  const cache = await createCacheHub(createMemoryBus(), systemClock);
  const platform = { db, cache, clock: systemClock, defaultChannelId: 'default' } as unknown as Platform;
  return {
    platform,
    lookups,
    hosts: () => cache.cache<string>(CACHE_NAME, { max: CAP, ttlMs: 30_000 }).size,
  };
}

const req = (hostname: string) => ({ hostname }) as FastifyRequest;

describe('host → channel', () => {
  it('a known domain resolves to its channel, any other host to the default, each looked up once', async () => {
    const { platform, lookups } = await platformWithDomains({ 'shop.example': 'ch-shop' });
    expect(await resolveChannelId(platform, req('Shop.Example:8443'))).toBe('ch-shop');
    expect(await resolveChannelId(platform, req('shop.example'))).toBe('ch-shop');
    expect(await resolveChannelId(platform, req('nobody.example'))).toBe('default');
    expect(await resolveChannelId(platform, req('nobody.example'))).toBe('default');
    expect(await resolveChannelId(platform, req('localhost'))).toBe('default');
    expect(lookups).toEqual(['shop.example', 'nobody.example']);
  });

  it('200,000 distinct Host headers keep the cache at its cap; the oldest hosts are the ones dropped', async () => {
    const { platform, lookups, hosts } = await platformWithDomains({ 'shop.example': 'ch-shop' });
    expect(await resolveChannelId(platform, req('shop.example'))).toBe('ch-shop');
    for (let i = 0; i < 200_000; i++) await resolveChannelId(platform, req(`h${i}.attacker.example`));
    expect(lookups).toHaveLength(200_001);
    // The first host was pushed out and costs a lookup again; a recent one is still cached.
    expect(await resolveChannelId(platform, req('shop.example'))).toBe('ch-shop');
    expect(await resolveChannelId(platform, req('h199999.attacker.example'))).toBe('default');
    expect(lookups.slice(200_001)).toEqual(['shop.example']);
    expect(hosts()).toBe(CAP);
  });

  it('a Host longer than any DNS name is the default channel, with no lookup and no entry', async () => {
    const { platform, lookups, hosts } = await platformWithDomains({});
    expect(await resolveChannelId(platform, req(`${'a'.repeat(300)}.example`))).toBe('default');
    expect(lookups).toEqual([]);
    expect(hosts()).toBe(0);
  });

  it('a change to channel domains drops the cached hosts', async () => {
    const domains: Record<string, string> = {};
    const { platform, hosts } = await platformWithDomains(domains);
    expect(await resolveChannelId(platform, req('new.example'))).toBe('default');
    domains['new.example'] = 'ch-new';
    await platform.cache.invalidate(['channel-domains']);
    expect(hosts()).toBe(0);
    expect(await resolveChannelId(platform, req('new.example'))).toBe('ch-new');
  });
});
