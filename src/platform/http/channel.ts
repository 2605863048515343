import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { channels } from '../access';
import type { Platform } from '../platform';

/**
 * Host → channel id, per node. Bounded: the Host header is the client's to choose, and 200k distinct hosts
 * once grew an unbounded map by 43 MB. Least recently used hosts go first; every entry carries the
 * `channel-domains` tag, so a change to any channel's domains can drop them all at once.
 */
export const HOST_CACHE = { name: 'http.channel-by-host', max: 10_000, ttlMs: 30_000 };
export const CHANNEL_DOMAINS_TAG = 'channel-domains';

/** Longer than any DNS name: never a channel's domain, and not worth a query or a cache entry. */
const MAX_HOST_LENGTH = 253;

const hostCache = (platform: Platform) =>
  platform.cache.cache<string>(HOST_CACHE.name, { max: HOST_CACHE.max, ttlMs: HOST_CACHE.ttlMs });

/** The request's channel: the one whose domains list its host, else the deployment's default. */
export async function resolveChannelId(
  platform: Platform,
  req: Pick<FastifyRequest, 'hostname'>,
): Promise<string> {
  const host = (req.hostname || '').split(':')[0]!.toLowerCase();
  if (!host || host === 'localhost' || host === '127.0.0.1' || host.length > MAX_HOST_LENGTH)
    return platform.defaultChannelId;
  const id = await hostCache(platform).getOrLoad(host, async () => {
    const [row] = await platform.db
      .select({ id: channels.id })
      .from(channels)
      .where(sql`${host} = any(${channels.domains})`)
      .limit(1);
    const value = row?.id ?? platform.defaultChannelId;
    return { value, tags: [CHANNEL_DOMAINS_TAG, `channel:${value}`] };
  });
  return id ?? platform.defaultChannelId;
}
