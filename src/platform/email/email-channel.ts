import { eq } from 'drizzle-orm';
import { channels } from '../access/schema';
import type { Config } from '../config';
import type { Ctx } from '../context';
import type { EmailChannel } from './define-template';

/**
 * The channel as its emails present it. Links go to the channel's own address: its first domain (with
 * PUBLIC_URL's scheme and port), else PUBLIC_URL. Never the request's Host header, which a caller controls:
 * a reset link built from it could point anywhere (password-reset poisoning).
 */
export async function emailChannel(
  ctx: Pick<Ctx, 'db' | 'channelId'>,
  config: Config,
): Promise<EmailChannel> {
  const [row] = await ctx.db
    .select({ name: channels.name, domains: channels.domains })
    .from(channels)
    .where(eq(channels.id, ctx.channelId))
    .limit(1);
  if (!row) throw new Error(`No channel ${ctx.channelId}`);
  return channelFrom(row.name, row.domains, config.PUBLIC_URL);
}

export function channelFrom(name: string, domains: readonly string[], publicUrl: string): EmailChannel {
  const base = new URL(publicUrl);
  const domain = domains[0];
  const origin = domain ? `${base.protocol}//${domain}${base.port ? `:${base.port}` : ''}` : base.origin;
  const home = new URL('/', origin).href;
  return {
    name,
    home,
    link(path: string) {
      if (!/^\/(?![/\\])/.test(path))
        throw new Error(`Email links are paths on the site, not "${path.slice(0, 80)}"`);
      const url = new URL(path, origin);
      if (url.origin !== new URL(origin).origin)
        throw new Error(`Email link leaves the site: ${path.slice(0, 80)}`);
      return url.href;
    },
  };
}
