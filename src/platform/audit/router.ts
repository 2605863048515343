import { procedure, router } from '../http';
import {
  ZListAuditRequestSchema,
  ZListAuditResponseSchema,
  ZVerifyAuditRequestSchema,
  ZVerifyAuditResponseSchema,
} from './audit.types';
import { listAuditEntries } from './list-audit-entries';
import { verifyAuditChain } from './verify-audit-chain';

export const auditRouter = router({
  list: procedure('audit.read')
    .meta({
      openapi: { method: 'GET', path: '/audit', tags: ['audit'], summary: 'Audit log entries, newest first' },
    })
    .input(ZListAuditRequestSchema)
    .output(ZListAuditResponseSchema)
    .query(({ ctx, input }) => listAuditEntries(ctx, input)),

  verify: procedure('audit.verify')
    .meta({
      openapi: {
        method: 'GET',
        path: '/audit/verify',
        tags: ['audit'],
        summary: "Verify the channel's hash chain",
      },
    })
    .input(ZVerifyAuditRequestSchema)
    .output(ZVerifyAuditResponseSchema)
    .query(async ({ ctx }) => {
      const [status] = await verifyAuditChain(ctx.db, { channelId: ctx.channelId });
      return { ok: status!.ok, checked: status!.checked, firstBroken: status!.firstBroken };
    }),
});
