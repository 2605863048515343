import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inTransaction, systemActor } from '../../src/platform/context';
import { emitEvent } from '../../src/platform/events';
import { procedure, router } from '../../src/platform/http';
import {
  defineConsumer,
  defineEvent,
  defineModule,
  definePermissions,
  defineQueue,
  defineTopic,
  type Permission,
} from '../../src/platform/kit';
import { publishRealtime } from '../../src/platform/realtime';
import { startTestApp, type TestApp } from '../helpers/app';
import { signUpAs } from '../helpers/users';
import { waitFor } from '../helpers/wait-for';
import { WsTestClient } from '../helpers/ws-client';

/**
 * A throwaway module declared the way docs/modules.md shows, registered beside the product's: everything
 * its manifest lists must be live without a line changed anywhere else.
 */
const log: string[] = [];
// Tests do not augment PermissionRegistry (that would add the name to the product's type); they cast.
const widgetsRead = 'widgets.read' as Permission;
const widgetMade = defineEvent('widget.made', z.object({ widgetId: z.string() }), 'A widget was made');
const buildQueue = defineQueue<{ widgetId: string }>({
  name: 'widgets.build',
  description: 'Builds a widget',
  handler: async (_ctx, data) => {
    log.push(`built ${data.widgetId}`);
    return { built: data.widgetId };
  },
  retryLimit: 1,
  retryDelay: 1,
  retryBackoff: true,
  expireInSeconds: 30,
});
const widgetTopic = defineTopic('widget.{id}', {
  access: { kind: 'channel-permission', permission: widgetsRead },
  description: "A widget's live stock",
});

const widgetsModule = defineModule({
  name: 'widgets',
  description: 'A module that exists only in this test',
  router: {
    widgets: router({
      count: procedure(widgetsRead)
        .meta({ openapi: { method: 'GET', path: '/widgets/count', tags: ['widgets'], summary: 'Count' } })
        .input(z.void())
        .output(z.object({ count: z.number() }))
        .query(() => ({ count: log.length })),
    }),
  },
  permissions: definePermissions({ 'widgets.read': 'See widgets' }),
  roleGrants: { support: [widgetsRead] },
  events: [widgetMade],
  queues: [buildQueue],
  consumers: [
    defineConsumer({
      name: 'widgets.announce',
      events: [widgetMade],
      handle: async (_ctx, event) => {
        log.push(`announced ${event.payload.widgetId}`);
      },
    }),
  ],
  topics: [widgetTopic],
  seeders: [
    {
      name: 'widgets.demo',
      run: async (seed) => {
        log.push(`seeded demo=${seed.demo}`);
      },
    },
  ],
  webhooks: {
    'widget-supplier': async (_platform, req) => ({ status: 202, body: { got: req.rawBody.length } }),
  },
  health: [{ name: 'widgets', check: async () => {} }],
});

describe('a module is one manifest', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ modules: [widgetsModule], env: { SEED_DEMO: 'true' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('its seeder ran at start, after the platform seeded the accounts', () => {
    expect(log).toContain('seeded demo=true');
  });

  it('its router answers over tRPC and REST, to the roles its grants name and to founders only', async () => {
    const support = (await signUpAs(app, ['support'])).client;
    const founder = (await signUpAs(app, ['founder'])).client;
    const customer = (await signUpAs(app, [])).client;
    expect((await support.query('widgets.count')).status).toBe(200);
    expect((await founder.request('GET', '/api/v1/widgets/count')).status).toBe(200);
    expect((await customer.query('widgets.count')).status).toBe(403);
    const doc = await app.client().request('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toContain('/widgets/count');
  });

  it('its queue runs its jobs and its consumer gets its events', async () => {
    await app.platform.jobs.send(buildQueue, { widgetId: 'w-1' });
    const ctx = {
      db: app.platform.db,
      actor: systemActor(),
      channelId: app.platform.defaultChannelId,
      requestId: 'test',
      clock: app.platform.clock,
    };
    await inTransaction(ctx, (tx) => emitEvent(tx, widgetMade, { widgetId: 'w-2' }));
    await waitFor('the job and the consumer', async () =>
      log.includes('built w-1') && log.includes('announced w-2') ? true : undefined,
    );
  });

  it('its topic takes subscribers with its permission and refuses others', async () => {
    const support = await signUpAs(app, ['support']);
    const cookie = [...support.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const ws = await WsTestClient.connect(app.url, { cookie });
    const customerWs = await WsTestClient.connect(app.url);
    try {
      const channelId = app.platform.defaultChannelId;
      const topic = widgetTopic.of(channelId);
      expect(await ws.subscribe(topic)).toMatchObject({ type: 'snapshot' });
      expect(await customerWs.subscribe(topic)).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
      publishRealtime(app.platform, topic, { state: { stock: 3 } }, channelId);
      const frame = await ws.next((f) => f.topic === topic && f.type === 'batch');
      expect(frame.state).toEqual({ stock: 3 });
    } finally {
      ws.close();
      customerWs.close();
    }
  });

  it('its webhook receiver and its readiness check are served', async () => {
    const hook = await app.client().request('POST', '/webhooks/widget-supplier', 'hello', {
      'content-type': 'text/plain',
    });
    expect(hook.status).toBe(202);
    expect(hook.body).toEqual({ got: 5 });
    const ready = await app.client().request('GET', '/readyz');
    expect(ready.body.checks.widgets).toMatchObject({ ok: true });
  });
});
