import { Readable } from 'node:stream';
import { middlewareMarker } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { AppError } from '../errors';
import { withIdempotencyKey } from '../idempotency';
import type { Platform } from '../platform';
import type { RequestContext } from './context';
import { ruleSentence } from './error-map';
import { type Access, checkAccess } from './trpc';

/**
 * Runs `run` at most once per Idempotency-Key, the request being identified by `input` (for a file, its
 * hash and size): a replay answers the stored result, another body under the same key is a 422.
 */
export type Idempotent = <T extends object>(input: unknown, run: () => Promise<T>) => Promise<T>;

/**
 * A route that takes a file as its raw body, for what a JSON procedure cannot carry. Declared in a
 * manifest's `uploads` and served at `POST /api/v1<path>` inside the API's scope, so the API's guards
 * (the per-client rate limit, CSRF) hold for it as for every procedure; the procedure's own guard steps
 * follow here: the caller's access (the same check, password-change rule included) before a byte is
 * read, Idempotency-Key, and AppErrors answered with their status and a sentence naming the field.
 */
export interface UploadRoute {
  /** A name for logs and the idempotency scope (`media.upload`). */
  name: string;
  path: `/${string}`;
  access: Access;
  summary: string;
  /** The most bytes a body may have; a larger Content-Length is refused before reading. */
  maxBytes(config: Config): number;
  /** Refusal when a body is larger than maxBytes (a sentence naming the field). */
  tooLarge(config: Config): AppError;
  handle(
    ctx: RequestContext,
    body: Readable,
    idempotent: Idempotent,
  ): Promise<{ status: number; body: object }>;
}

export const defineUpload = (route: UploadRoute): UploadRoute => Object.freeze(route);

/** What a cross-site form can send without a preflight, plus JSON: never a file's own type. */
const NOT_FILES =
  /^(text\/plain|multipart\/form-data|application\/x-www-form-urlencoded|application\/json)\b/i;

const notAFile = (contentType: string) =>
  Object.assign(
    new Error(
      `Send the file itself as the request body, with its own type (image/jpeg, video/mp4 ...) or application/octet-stream; ${contentType.split(';')[0]} is not taken here`,
    ),
    { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', name: 'Unsupported Media Type', field: 'file' },
  );

/** An AppError as this route answers it: the shape of the server's other 4xx answers, with the field's sentence. */
function answerAppError(err: AppError, req: FastifyRequest, reply: FastifyReply) {
  const seconds = err.details?.retryAfterSeconds;
  if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
  const fields = err.field ? { [err.field]: ruleSentence(err.field, err.message) } : {};
  return reply.status(err.httpStatus).send({
    error: err.name,
    code: err.code,
    message: err.message,
    ...(err.field ? { field: err.field, fields } : {}),
    requestId: req.id,
  });
}

/** Registers each upload route in `api` (the scope whose hooks are the API's guards). */
export async function registerUploadRoutes(
  api: FastifyInstance,
  platform: Platform,
  createContext: (opts: { req: FastifyRequest; res: FastifyReply }) => Promise<RequestContext>,
): Promise<void> {
  const routes = platform.registry.uploads;
  if (!routes.length) return;
  await api.register(async (scope) => {
    // The body stays a stream: the route reads it, counting, into a private file.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (req, payload, done) => {
      const type = req.headers['content-type'] ?? '';
      if (NOT_FILES.test(type)) done(notAFile(type), undefined);
      else done(null, payload);
    });
    for (const route of routes) {
      scope.post(`/api/v1${route.path}`, async (req, reply) => {
        const ctx = await createContext({ req, res: reply });
        try {
          checkAccess({ access: route.access }, ctx);
          const declared = Number(req.headers['content-length']);
          if (Number.isFinite(declared) && declared > route.maxBytes(platform.config))
            throw route.tooLarge(platform.config);
          const body = req.body instanceof Readable ? req.body : Readable.from([]);
          const idempotent: Idempotent = async (input, run) => {
            const result = await withIdempotencyKey({
              ctx,
              path: route.name,
              getRawInput: async () => input,
              next: async () => ({ ok: true as const, data: await run(), marker: middlewareMarker }),
            });
            return (result as { data: never }).data;
          };
          const answer = await route.handle(ctx, body, idempotent);
          return reply.status(answer.status).send(answer.body);
        } catch (err) {
          if (err instanceof AppError) {
            if (err.httpStatus >= 500) throw err;
            // The rest of a refused body is not read: close the connection after answering.
            reply.header('connection', 'close');
            return answerAppError(err, req, reply);
          }
          throw err;
        }
      });
    }
  });
}
