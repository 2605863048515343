import { defineCron, defineModule, definePermissions, defineQueue } from '../kit';
import { auditRouter } from './router';
import * as schema from './schema';
import { verifyAudit } from './verify-audit-job';

/** The hash-chained audit log: record privileged actions, read them, verify the chains. */
export { auditChainReport, type ChainReport } from './chain-report';
export { listAuditEntries } from './list-audit-entries';
export {
  type TAuditEntry,
  type TListAuditRequest,
  type TListAuditResponse,
  ZAuditEntrySchema,
} from './procedures/list-audit-entries.types';
export { type AuditInput, GENESIS_HASH, hashEntry, recordAudit } from './record';
export { auditLog } from './schema';
export { type BrokenLink, type ChainStatus, verifyAuditChain } from './verify-audit-chain';

export const auditPermissions = definePermissions({
  'audit.read': 'Read the audit log',
  'audit.verify': "Check the channel's audit hash chain",
});
declare module '../kit' {
  interface PermissionRegistry extends Record<keyof typeof auditPermissions, true> {}
}

const verifyQueue = defineQueue({
  name: 'audit.verify',
  description: "Recomputes every channel's audit hash chain and reports the first broken link",
  handler: verifyAudit,
  retryLimit: 1,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 3_600,
});

export const auditModule = defineModule({
  name: 'audit',
  description: 'Every privileged action in a per-channel hash chain, its viewer and its verifier.',
  router: { audit: auditRouter },
  schema,
  permissions: auditPermissions,
  roleGrants: {
    trust_safety: ['audit.read'],
    finance: ['audit.read'],
    admin: ['audit.read', 'audit.verify'],
  },
  queues: [verifyQueue],
  cron: [
    defineCron({
      queue: verifyQueue.name,
      cron: '17 3 * * *',
      description: 'Daily at 03:17: verify the audit hash chains',
    }),
  ],
});
