import type { AnyRouter } from '@trpc/server';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { EventConsumer } from '../events';
import type { UploadRoute, WebhookHandler } from '../http';
import type { CronEntry, QueueDefinition } from '../jobs';
import type { EventDefinition, TopicDefinition } from './define';
import type { HealthCheck, ModuleManifest } from './define-module';
import type { Permission } from './permissions';
import { type Role, roles } from './roles';
import type { Seeder } from './seeders';

/** A table some module declared, with the reason it has no channel_id when it is global. */
export interface RegisteredTable {
  module: string;
  name: string;
  table: PgTable;
  /** Why the table belongs to the deployment rather than a channel; undefined for tenant tables. */
  global?: string;
}

/** What the composition root builds from every manifest: the one place the platform reads them. */
export interface Registry {
  readonly modules: readonly ModuleManifest[];
  /** Namespace → router, merged into the app's router. */
  readonly routers: Readonly<Record<string, AnyRouter>>;
  readonly permissions: ReadonlyMap<Permission, { description: string; module: string }>;
  /** The role → permission matrix, founders holding every permission. */
  readonly matrix: Readonly<Record<Role, ReadonlySet<Permission>>>;
  permissionsOf(held: readonly Role[]): Set<Permission>;
  isPermission(s: string): s is Permission;
  readonly events: ReadonlyMap<string, EventDefinition & { module: string }>;
  readonly queues: readonly QueueDefinition[];
  readonly cron: readonly CronEntry[];
  readonly consumers: readonly EventConsumer[];
  readonly topics: readonly TopicDefinition[];
  /** The topic family a concrete topic belongs to, with its id. */
  topicOf(topic: string): { definition: TopicDefinition; id: string } | undefined;
  readonly seeders: readonly Seeder[];
  readonly webhooks: ReadonlyMap<string, WebhookHandler>;
  readonly uploads: readonly UploadRoute[];
  readonly health: readonly HealthCheck[];
  readonly tables: readonly RegisteredTable[];
}

/** A manifest that contradicts itself or another: the product refuses to start, naming the module. */
export class ModuleError extends Error {
  override name = 'ModuleError';
}

/**
 * Checks the manifests against each other and merges them. Everything a module declares must be unique
 * across modules (router namespaces, permissions, event types, queue, consumer, topic, webhook and seeder
 * names); a module grants only permissions it declares; cron entries, consumers and topics refer only to
 * what some module registered; every table carries channel_id unless declared global with a reason.
 */
export function composeModules(modules: readonly ModuleManifest[]): Registry {
  const owner = new Map<string, string>();
  const claim = (kind: string, name: string, module: string) => {
    const key = `${kind}:${name}`;
    const first = owner.get(key);
    if (first)
      throw new ModuleError(
        first === module
          ? `Module "${module}" declares the ${kind} "${name}" twice`
          : `The ${kind} "${name}" is declared by both "${first}" and "${module}"`,
      );
    owner.set(key, module);
  };

  const routers: Record<string, AnyRouter> = {};
  const permissions = new Map<Permission, { description: string; module: string }>();
  const events = new Map<string, EventDefinition & { module: string }>();
  const queues: QueueDefinition[] = [];
  const cron: CronEntry[] = [];
  const consumers: EventConsumer[] = [];
  const topics: TopicDefinition[] = [];
  const seeders: Seeder[] = [];
  const webhooks = new Map<string, WebhookHandler>();
  const uploads: UploadRoute[] = [];
  const health: HealthCheck[] = [];
  const tables: RegisteredTable[] = [];

  for (const m of modules) {
    claim('module', m.name, m.name);
    for (const [ns, r] of Object.entries(m.router ?? {})) {
      claim('router namespace', ns, m.name);
      routers[ns] = r;
    }
    for (const [p, description] of Object.entries(m.permissions ?? {})) {
      claim('permission', p, m.name);
      permissions.set(p as Permission, { description, module: m.name });
    }
    for (const e of m.events ?? []) {
      claim('event type', e.type, m.name);
      events.set(e.type, { ...e, module: m.name });
    }
    for (const q of m.queues ?? []) {
      claim('queue', q.name, m.name);
      queues.push(q);
    }
    for (const c of m.consumers ?? []) {
      claim('event consumer', c.name, m.name);
      consumers.push(c);
    }
    for (const t of m.topics ?? []) {
      claim('topic', t.name, m.name);
      topics.push(t);
    }
    for (const s of m.seeders ?? []) {
      claim('seeder', s.name, m.name);
      seeders.push(s);
    }
    for (const [provider, handler] of Object.entries(m.webhooks ?? {})) {
      claim('webhook', provider, m.name);
      webhooks.set(provider, handler);
    }
    for (const u of m.uploads ?? []) {
      claim('upload route', u.path, m.name);
      claim('upload name', u.name, m.name);
      uploads.push(u);
    }
    for (const h of m.health ?? []) {
      claim('health check', h.name, m.name);
      health.push(h);
    }
    cron.push(...(m.cron ?? []));
    tables.push(...tablesOf(m));
  }

  // Grants: a module hands out its own permissions only, so the matrix reads module by module.
  const matrix = Object.fromEntries(roles.map((r) => [r, new Set<Permission>()])) as Record<
    Role,
    Set<Permission>
  >;
  for (const m of modules) {
    for (const [role, granted] of Object.entries(m.roleGrants ?? {})) {
      if (!(roles as readonly string[]).includes(role) || role === 'founder')
        throw new ModuleError(`Module "${m.name}" grants to "${role}", which is not a role it may grant to`);
      for (const p of granted ?? []) {
        const declared = permissions.get(p);
        if (!declared) throw new ModuleError(`Module "${m.name}" grants "${p}", which no module declares`);
        if (declared.module !== m.name)
          throw new ModuleError(
            `Module "${m.name}" grants "${p}", which belongs to "${declared.module}": a module grants only its own permissions`,
          );
        matrix[role as Role].add(p);
      }
    }
  }
  for (const p of permissions.keys()) matrix.founder.add(p);

  for (const e of cron) {
    if (!queues.some((q) => q.name === e.queue))
      throw new ModuleError(
        `The cron entry "${e.cron}" names the queue "${e.queue}", which no module registers`,
      );
  }
  const cronQueues = cron.map((e) => e.queue);
  const twice = cronQueues.find((q, i) => cronQueues.indexOf(q) !== i);
  if (twice) throw new ModuleError(`The queue "${twice}" has two cron entries; pg-boss keeps one per queue`);
  for (const c of consumers) {
    for (const type of c.eventTypes) {
      if (type !== '*' && !events.has(type))
        throw new ModuleError(`The consumer "${c.name}" listens to "${type}", which no module declares`);
    }
  }
  for (const t of topics) {
    if (t.access.kind === 'channel-permission' && !permissions.has(t.access.permission))
      throw new ModuleError(`The topic "${t.name}" needs "${t.access.permission}", which no module declares`);
  }
  for (const t of tables) {
    if (t.global !== undefined) continue;
    const columns = getTableConfig(t.table).columns.map((c) => c.name);
    if (!columns.includes('channel_id'))
      throw new ModuleError(
        `The table "${t.name}" of "${t.module}" has no channel_id column: add one, or list it in globalTables with the reason it belongs to the whole deployment`,
      );
  }
  for (const m of modules) {
    for (const name of Object.keys(m.globalTables ?? {})) {
      if (!tables.some((t) => t.module === m.name && t.name === name))
        throw new ModuleError(`Module "${m.name}" lists "${name}" in globalTables but has no such table`);
    }
  }

  const cache = new Map<string, Set<Permission>>();
  return {
    modules,
    routers,
    permissions,
    matrix,
    permissionsOf(held) {
      const key = held.join(',');
      let out = cache.get(key);
      if (!out) {
        out = new Set<Permission>();
        for (const r of held) for (const p of matrix[r] ?? []) out.add(p);
        cache.set(key, out);
      }
      return new Set(out);
    },
    isPermission: (s): s is Permission => permissions.has(s as Permission),
    events,
    queues,
    cron,
    consumers,
    topics,
    topicOf(topic) {
      for (const definition of topics) {
        const m = definition.pattern.exec(topic);
        if (m) return { definition, id: m[1]! };
      }
      return undefined;
    },
    seeders,
    webhooks,
    uploads,
    health,
    tables,
  };
}

function tablesOf(m: ModuleManifest): RegisteredTable[] {
  return Object.values(m.schema ?? {})
    .filter((v): v is PgTable => is(v, PgTable))
    .map((table) => {
      const name = getTableConfig(table).name;
      return { module: m.name, name, table, global: m.globalTables?.[name] };
    });
}
