/** The module kit: how a capability declares itself, the roles and permissions, and their composition. */
export { composeModules, ModuleError, type RegisteredTable, type Registry } from './compose';
export {
  defineConsumer,
  defineCron,
  defineEvent,
  defineQueue,
  defineTopic,
  type EventDefinition,
  type EventOf,
  type TopicAccess,
  type TopicDefinition,
} from './define';
export { defineModule, type HealthCheck, type ModuleManifest } from './define-module';
export { definePermissions, type Permission, type PermissionRegistry } from './permissions';
export { isRole, privilegedRoles, type Role, roles, staffRoles } from './roles';
export { runSeeders, type SeedContext, type Seeder, type SeedOptions } from './seeders';
