import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../platform';
import { csrfGuard } from './csrf';
import { jsonTextError } from './input-checks';
import { type CallsOf, rateLimitHook } from './rate-limit-hook';

type ParserDone = (err: Error | null, body?: unknown) => void;
type StringParser = (req: FastifyRequest, body: string, done: ParserDone) => void;

/**
 * A JSON body parser that first refuses what PostgreSQL or the stack cannot take (input-checks.ts), then
 * hands the text to `parse` (Fastify's own, with its prototype-poisoning protection), or on as text.
 */
export function checkedJsonParser(parse?: StringParser) {
  return (req: FastifyRequest, body: string | Buffer, done: ParserDone) => {
    const text = body as string;
    const err = jsonTextError(text);
    if (err) return done(err, undefined);
    if (parse) parse(req, text, done);
    else done(null, text);
  };
}

export function unsupportedMediaType(contentType: string | undefined) {
  return Object.assign(
    new Error(
      `The API takes JSON: send the body as application/json${contentType ? ` (this one was ${contentType})` : ''}`,
    ),
    { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', name: 'Unsupported Media Type' },
  );
}

/**
 * The guards of the scope that holds the API's routes (tRPC and REST): hooks of that scope, so they run for
 * whatever spelling of a URL the router matched to one of its routes, and for nothing else.
 * - The per-client rate limit, counting each call of a tRPC batch.
 * - The CSRF double-submit check.
 * - Bodies are JSON or nothing: any other type is a 415 naming the expected one. A cross-site form can post
 *   text/plain (or a urlencoded or multipart body) without a CORS preflight; JSON it cannot.
 */
export function guardApiScope(scope: FastifyInstance, platform: Platform, opts: { callsOf?: CallsOf } = {}) {
  const defaultJson = scope.getDefaultJsonParser('error', 'error') as StringParser;
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, checkedJsonParser(defaultJson));
  scope.addContentTypeParser('*', (req, _payload, done) =>
    done(unsupportedMediaType(req.headers['content-type']), undefined),
  );
  scope.addHook('onRequest', rateLimitHook(platform, opts.callsOf));
  scope.addHook('onRequest', csrfGuard);
}
