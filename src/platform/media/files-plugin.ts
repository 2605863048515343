import fsp from 'node:fs/promises';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform';
import { localMediaRoot, mediaStorage } from './storage';
import { contentTypeOfKey, isStorageKey } from './storage-port';

/**
 * `GET /media/<key>` for the local adapter (on S3 the bucket or its CDN serves them). Only keys the
 * product makes, with an extension it writes, are served; each with its own content type and nosniff
 * (a browser never guesses a file into HTML), a year of caching (keys are content addressed, so the
 * bytes under one never change), Range requests (videos seek) and ETags. Files are public, like the
 * product pages that show them, and may be embedded elsewhere (an email, a share preview):
 * cross-origin resource policy `cross-origin`.
 */
export function mediaFilesPlugin(platform: Platform) {
  return async (app: FastifyInstance) => {
    if (mediaStorage(platform).kind !== 'local') return;
    const root = localMediaRoot(platform.config);
    await fsp.mkdir(root, { recursive: true });
    await app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        prefix: '/media/',
        decorateReply: false,
        index: false,
        list: false,
        redirect: false,
        dotfiles: 'deny',
        immutable: true,
        maxAge: '365d',
        allowedPath: (pathname) => {
          const key = pathname.replace(/^\//, '');
          return isStorageKey(key) && contentTypeOfKey(key) !== undefined;
        },
        setHeaders: (reply, file) => {
          reply.header('content-type', contentTypeOfKey(file) ?? 'application/octet-stream');
          reply.header('x-content-type-options', 'nosniff');
          reply.header('cross-origin-resource-policy', 'cross-origin');
        },
      });
    });
  };
}
