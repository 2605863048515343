import { procedure } from '../../http';
import { verifyAuditChain } from '../verify-audit-chain';
import { ZVerifyAuditRequestSchema, ZVerifyAuditResponseSchema } from './verify-audit-chain.types';

export const verifyAuditChainProcedure = procedure('audit.verify')
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
  });
