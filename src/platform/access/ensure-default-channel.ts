import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { channels } from './schema';

/** The deployment's first channel is its default; a fresh database gets one. */
export async function ensureDefaultChannel(db: Db): Promise<string> {
  const first = async () =>
    (await db.select({ id: channels.id }).from(channels).orderBy(asc(channels.createdAt)).limit(1))[0];
  const existing = await first();
  if (existing) return existing.id;
  await db
    .insert(channels)
    .values({ id: newId(), slug: 'main', name: 'Live Shopping Network', defaultCurrency: 'USD' })
    .onConflictDoNothing();
  // Another node may have created it a moment ago: the first one created wins.
  return (await first())!.id;
}
