import type { FastifyRequest } from 'fastify';
import { type Actor, anonymousActor } from '../context';
import type { Platform } from '../platform';

/** Who is calling: a session cookie, a bearer API key, or nobody. (Filled in by the auth slice.) */
export async function authenticate(
  _platform: Platform,
  _req: FastifyRequest,
  _channelId: string,
): Promise<Actor> {
  return anonymousActor();
}
