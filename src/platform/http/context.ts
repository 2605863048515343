import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context';
import type { Platform } from '../platform';
import { resolveChannelId } from './channel';

/** The tRPC context: the service context plus the request, the reply and the platform. */
export interface RequestContext extends Ctx {
  platform: Platform;
  req: FastifyRequest;
  res: FastifyReply;
  log: FastifyBaseLogger;
}

/** Which channel the request is for and who is calling: the context every API call and page render gets. */
export async function createRequestContext(
  platform: Platform,
  req: FastifyRequest,
  res: FastifyReply,
): Promise<RequestContext> {
  const channelId = await resolveChannelId(platform, req);
  const actor = await platform.identity.authenticate(req, channelId, res);
  return {
    platform,
    db: platform.db,
    actor,
    channelId,
    requestId: req.id,
    clock: platform.clock,
    req,
    res,
    log: req.log,
  };
}
