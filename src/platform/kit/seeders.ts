import type { Ctx } from '../context';
import type { Platform } from '../platform';

export interface SeedOptions {
  /** Demo accounts and data (SEED_DEMO, `npm run seed`). Without it only what the product needs runs. */
  demo: boolean;
  /** `npm run seed` asks for a little more demo data than a first start. */
  more?: boolean;
}

export interface SeedContext extends SeedOptions {
  platform: Platform;
  /** A system-actor context in the default channel; writes go through inTransaction(ctx, ...). */
  ctx: Ctx;
  more: boolean;
  /** A line for the one-time box printed at the end (credentials, URLs): say it once, then never again. */
  announce(line: string): void;
}

/** A step that creates what is missing and nothing else: running it twice changes nothing. */
export interface Seeder {
  name: string;
  run(seed: SeedContext): Promise<void>;
}

/** Runs every module's seeders in module order and prints what they announced, once, in a box. */
export async function runSeeders(
  platform: Platform,
  opts: SeedOptions,
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<{ announced: string[] }> {
  const announced: string[] = [];
  const ctx: Ctx = {
    db: platform.db,
    actor: { kind: 'system', userId: null, roles: [], permissions: new Set() },
    channelId: platform.defaultChannelId,
    requestId: 'seed',
    clock: platform.clock,
  };
  for (const seeder of platform.registry.seeders) {
    platform.log.debug({ seeder: seeder.name }, 'seeding');
    await seeder.run({
      ...opts,
      more: opts.more ?? false,
      platform,
      ctx,
      announce: (l) => announced.push(l),
    });
  }
  if (announced.length) out(box(announced, platform.config.PUBLIC_URL));
  return { announced };
}

function box(lines: string[], url: string): string {
  const body = [
    'Accounts created just now. These passwords and links are shown ONCE and never again.',
    `Open ${url} and sign in with one of these.`,
    '',
    ...lines,
    '',
    'Demo accounts are for trying the product; remove them before real use.',
  ];
  const width = Math.max(...body.map((l) => l.length));
  const bar = '─'.repeat(width + 2);
  return `\n┌${bar}┐\n${body.map((l) => `│ ${l.padEnd(width)} │`).join('\n')}\n└${bar}┘\n\n`;
}
