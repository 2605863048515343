import type { AnyRouter } from '@trpc/server';
import type { EventConsumer } from '../events';
import type { UploadRoute, WebhookHandler } from '../http';
import type { CronEntry, QueueDefinition } from '../jobs';
import type { Platform } from '../platform';
import type { EventDefinition, TopicDefinition } from './define';
import type { Permission } from './permissions';
import type { Role } from './roles';
import type { Seeder } from './seeders';

/** A readiness check `/readyz` runs (the database is always checked). */
export interface HealthCheck {
  name: string;
  check(platform: Platform): Promise<void>;
}

/**
 * Everything a capability brings, declared in one place: its `src/modules/<name>/index.ts` (or a platform
 * slice's `index.ts`) exports `defineModule({...})`, and the module is listed once in
 * `src/modules/index.ts`. The composition root reads the manifests; the platform never imports a module.
 * Every field but `name` and `description` is optional. See docs/modules.md.
 */
export interface ModuleManifest {
  /** Lower case, unique; also the tRPC namespace of its router by convention. */
  name: string;
  /** One sentence for the docs. */
  description: string;
  /** The routers it serves, by namespace: `{ catalog: catalogRouter }` answers `/trpc/catalog.*`. */
  router?: Readonly<Record<string, AnyRouter>>;
  /** Its tables (`import * as schema from './schema'`): the tenancy test and the docs read them. */
  schema?: Readonly<Record<string, unknown>>;
  /** Tables without `channel_id`, each with the reason it belongs to the deployment, not a channel. */
  globalTables?: Readonly<Record<string, string>>;
  /** The permissions it owns, each with what it allows (see definePermissions). */
  permissions?: Readonly<Record<string, string>>;
  /** Which roles get which of its own permissions. Founders get every permission; nobody else by default. */
  roleGrants?: Readonly<Partial<Record<Exclude<Role, 'founder'>, readonly Permission[]>>>;
  /** The domain events it emits. */
  events?: readonly EventDefinition[];
  queues?: readonly QueueDefinition[];
  cron?: readonly CronEntry[];
  consumers?: readonly EventConsumer[];
  topics?: readonly TopicDefinition[];
  /** Run in module order at first start and by `npm run seed`; each creates only what is missing. */
  seeders?: readonly Seeder[];
  /** Provider webhook receivers: `{ paypal: handler }` answers `POST /webhooks/paypal`. */
  webhooks?: Readonly<Record<string, WebhookHandler>>;
  /** Routes that take a file as their raw body (`defineUpload`): `POST /api/v1<path>`, under the API's guards. */
  uploads?: readonly UploadRoute[];
  health?: readonly HealthCheck[];
}

/** Declares a module. The `const` type parameter keeps its routers' types for the app's router type. */
export function defineModule<const M extends ModuleManifest>(manifest: M): M {
  if (!/^[a-z][a-z0-9-]*$/.test(manifest.name))
    throw new Error(`Module name "${manifest.name}" must be lower case letters, digits and dashes`);
  return Object.freeze(manifest);
}
