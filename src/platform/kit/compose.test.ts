import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { productRegistry } from '../../../test/helpers/registry';
import { loadConfig } from '../config';
import { DEAD_RETENTION_SECONDS, DEFAULT_RETENTION_SECONDS, deadLetterOf } from '../jobs';
import { composeModules, ModuleError } from './compose';
import { defineConsumer, defineEvent, defineQueue, defineTopic } from './define';
import { defineModule } from './define-module';
import { definePermissions } from './permissions';

const queue = (name: string) =>
  defineQueue({
    name,
    description: 'test',
    handler: async () => undefined,
    retryLimit: 0,
    retryDelay: 1,
    retryBackoff: true,
    expireInSeconds: 30,
  });

describe("the product's registry", () => {
  const { queues, cron, matrix, permissions } = productRegistry;

  it('has the built-in queues, each with a retry policy and its own dead-letter queue', () => {
    expect(queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['events.deliver', 'outbox.dispatch', 'idempotency.purge', 'audit.verify']),
    );
    for (const q of queues) {
      expect(q.description.length).toBeGreaterThan(0);
      expect(q.retryBackoff).toBe(true);
      expect(q.expireInSeconds).toBeGreaterThan(0);
      expect(deadLetterOf(q)).toBe(`${q.name}.dead`);
    }
  });

  it('schedules idempotency.purge hourly and audit.verify daily, every entry on a registered queue', () => {
    const byQueue = Object.fromEntries(cron.map((e) => [e.queue, e.cron]));
    expect(byQueue['idempotency.purge']).toMatch(/^\d+ \* \* \* \*$/);
    expect(byQueue['audit.verify']).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(byQueue['events.prune']).toMatch(/^\d+ \d+ \* \* \*$/);
    for (const e of cron) expect(queues.some((q) => q.name === e.queue)).toBe(true);
  });

  it('keeps event dedupe records longer than an events.deliver job can come back', () => {
    const deliver = queues.find((q) => q.name === 'events.deliver')!;
    const queued = deliver.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
    // Waits queued, dies, waits in the dead-letter queue, is redriven from the console and waits again.
    const windowDays = (queued + DEAD_RETENTION_SECONDS + queued) / 86_400;
    expect(() => loadConfig({ EVENTS_RETENTION_DAYS: String(Math.ceil(windowDays)) })).toThrow(
      /EVENTS_RETENTION_DAYS/,
    );
    expect(loadConfig({}).EVENTS_RETENTION_DAYS).toBeGreaterThan(windowDays + 7);
  });

  it('gives the founder every permission every slice declares, and nobody else roles.assignPrivileged', () => {
    expect([...matrix.founder].sort()).toEqual([...permissions.keys()].sort());
    for (const [role, held] of Object.entries(matrix))
      expect(held.has('roles.assignPrivileged'), role).toBe(role === 'founder');
  });
});

describe('composing modules', () => {
  const perms = definePermissions({ 'widgets.read': 'See widgets' });
  const widgets = pgTable('widgets', { id: uuid('id').primaryKey(), channelId: uuid('channel_id') });
  const loose = pgTable('loose', { id: uuid('id').primaryKey(), name: text('name') });
  const made = defineEvent('widget.made', z.object({ id: z.string() }), 'A widget was made');

  it('merges a well-formed module: its router namespace, permissions, grants, queues, events and tables', () => {
    const m = defineModule({
      name: 'widgets',
      description: 'Widgets',
      schema: { widgets },
      permissions: perms,
      roleGrants: { support: ['widgets.read' as never] },
      events: [made],
      queues: [queue('widgets.build')],
      cron: [{ queue: 'widgets.build', cron: '0 * * * *', description: 'hourly' }],
      consumers: [defineConsumer({ name: 'widgets.count', events: [made], handle: async () => {} })],
      topics: [defineTopic('widget.{id}', { access: { kind: 'public' }, description: 'A widget' })],
    });
    const r = composeModules([m]);
    expect([...r.matrix.support]).toEqual(['widgets.read']);
    expect(r.matrix.founder.has('widgets.read' as never)).toBe(true);
    expect(r.matrix.customer.size).toBe(0);
    expect(r.events.get('widget.made')?.module).toBe('widgets');
    expect(r.topicOf('widget.w-1')).toMatchObject({ id: 'w-1' });
    expect(r.topicOf('widget.w-1.extra')).toBeUndefined();
    expect(r.tables.map((t) => t.name)).toEqual(['widgets']);
  });

  it.each([
    [
      'a module listed twice',
      [defineModule({ name: 'a', description: 'x' }), defineModule({ name: 'a', description: 'x' })],
      /module "a" is declared by both|declares the module "a" twice/,
    ],
    [
      'a permission declared by two modules',
      [
        defineModule({ name: 'a', description: 'x', permissions: perms }),
        defineModule({ name: 'b', description: 'x', permissions: perms }),
      ],
      /permission "widgets.read" is declared by both "a" and "b"/,
    ],
    [
      "a grant of another module's permission",
      [
        defineModule({ name: 'a', description: 'x', permissions: perms }),
        defineModule({ name: 'b', description: 'x', roleGrants: { ops: ['widgets.read' as never] } }),
      ],
      /belongs to "a": a module grants only its own permissions/,
    ],
    [
      'a grant of an unknown permission',
      [defineModule({ name: 'a', description: 'x', roleGrants: { ops: ['nope.nope' as never] } })],
      /grants "nope.nope", which no module declares/,
    ],
    [
      'a queue registered twice',
      [
        defineModule({ name: 'a', description: 'x', queues: [queue('q.one')] }),
        defineModule({ name: 'b', description: 'x', queues: [queue('q.one')] }),
      ],
      /queue "q.one" is declared by both/,
    ],
    [
      'a cron entry for no queue',
      [
        defineModule({
          name: 'a',
          description: 'x',
          cron: [{ queue: 'q.none', cron: '* * * * *', description: 'x' }],
        }),
      ],
      /names the queue "q.none", which no module registers/,
    ],
    [
      'a consumer of an event nobody declares',
      [
        defineModule({
          name: 'a',
          description: 'x',
          consumers: [defineConsumer({ name: 'c', events: [made], handle: async () => {} })],
        }),
      ],
      /listens to "widget.made", which no module declares/,
    ],
    [
      'a topic that needs an unknown permission',
      [
        defineModule({
          name: 'a',
          description: 'x',
          topics: [
            defineTopic('thing.{id}', {
              access: { kind: 'channel-permission', permission: 'nope.read' as never },
              description: 'x',
            }),
          ],
        }),
      ],
      /needs "nope.read", which no module declares/,
    ],
    [
      'a tenant table without channel_id',
      [defineModule({ name: 'a', description: 'x', schema: { loose } })],
      /"loose" of "a" has no channel_id column/,
    ],
    [
      'a global table that does not exist',
      [defineModule({ name: 'a', description: 'x', globalTables: { ghosts: 'because' } })],
      /lists "ghosts" in globalTables but has no such table/,
    ],
  ])('refuses %s, naming it', (_what, modules, message) => {
    expect(() => composeModules(modules)).toThrow(ModuleError);
    expect(() => composeModules(modules)).toThrow(message);
  });

  it('accepts a table without channel_id when it is declared global with a reason', () => {
    const r = composeModules([
      defineModule({ name: 'a', description: 'x', schema: { loose }, globalTables: { loose: 'shared' } }),
    ]);
    expect(r.tables[0]).toMatchObject({ name: 'loose', global: 'shared' });
  });

  it('refuses badly named modules, permissions, events and topics when they are defined', () => {
    expect(() => defineModule({ name: 'Widgets', description: 'x' })).toThrow(/lower case/);
    expect(() => definePermissions({ widgets: 'x' })).toThrow(/area\.verb/);
    expect(() => defineEvent('WidgetMade', z.object({}), 'x')).toThrow(/area\.pastTenseVerb/);
    expect(() => defineTopic('widget', { access: { kind: 'public' }, description: 'x' })).toThrow(/\{id\}/);
    const t = defineTopic('widget.{id}.stock', { access: { kind: 'public' }, description: 'x' });
    expect(t.of('w1')).toBe('widget.w1.stock');
    expect(() => t.of('w 1')).toThrow(/not a valid id/);
  });
});
