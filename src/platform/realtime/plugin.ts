import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform';
import { createGateway, type Gateway, type GatewayOptions } from './gateway';

const PATH = '/ws';

/**
 * Mounts the WebSocket gateway at /ws on the Fastify server (ws in noServer mode on the HTTP
 * server's upgrade event). Other upgrade paths are left to other listeners, or refused with 404
 * when there are none.
 */
export function realtimePlugin(platform: Platform, options: GatewayOptions = {}) {
  return async (app: FastifyInstance) => {
    const gateway: Gateway = await createGateway(platform, options);
    app.decorate('realtime', gateway);
    const onUpgrade = (
      req: import('node:http').IncomingMessage,
      socket: import('node:stream').Duplex,
      head: Buffer,
    ) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === PATH) return gateway.handleUpgrade(req, socket, head);
      if (app.server.listenerCount('upgrade') === 1)
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    };
    app.server.on('upgrade', onUpgrade);
    // Before the HTTP server closes: open sockets would otherwise hold its close() open.
    app.addHook('preClose', async () => {
      app.server.off('upgrade', onUpgrade);
      await gateway.close();
    });
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Gateway;
  }
}
