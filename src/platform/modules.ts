import { accessModule } from './access';
import { auditModule } from './audit';
import { authModule } from './auth';
import { emailModule } from './email';
import { eventsModule } from './events';
import { idempotencyModule } from './idempotency';
import { jobsModule } from './jobs';
import { mediaModule } from './media';
import { realtimeModule } from './realtime';
import { systemModule } from './system';
import { usersModule } from './users';

/**
 * The platform's own slices, declared with the same manifest as every business module (one way to add
 * permissions, queues, topics, routers, seeders). The composition root puts them before src/modules.
 */
export const platformModules = [
  systemModule,
  accessModule,
  authModule,
  usersModule,
  auditModule,
  idempotencyModule,
  eventsModule,
  jobsModule,
  emailModule,
  mediaModule,
  realtimeModule,
] as const;
