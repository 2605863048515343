import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context';
import type { Platform } from '../platform';

/** The tRPC context: the service context plus the request, the reply and the platform. */
export interface RequestContext extends Ctx {
  platform: Platform;
  req: FastifyRequest;
  res: FastifyReply;
  log: FastifyBaseLogger;
}
