import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { channels } from '../access';
import type { Platform } from '../platform';

const byHost = new Map<string, { id: string; at: number }>();
const TTL_MS = 30_000;

/** The request's channel: the one whose domains list its host, else the deployment's default. */
export async function resolveChannelId(
  platform: Platform,
  req: Pick<FastifyRequest, 'hostname'>,
): Promise<string> {
  const host = (req.hostname || '').split(':')[0]!.toLowerCase();
  if (!host || host === 'localhost' || host === '127.0.0.1') return platform.defaultChannelId;
  const cached = byHost.get(host);
  if (cached && platform.clock.now().getTime() - cached.at < TTL_MS) return cached.id;
  const [row] = await platform.db
    .select({ id: channels.id })
    .from(channels)
    .where(sql`${host} = any(${channels.domains})`)
    .limit(1);
  const id = row?.id ?? platform.defaultChannelId;
  byHost.set(host, { id, at: platform.clock.now().getTime() });
  return id;
}
