import { procedure } from '../../http';
import { listAuditEntries } from '../list-audit-entries';
import { ZListAuditRequestSchema, ZListAuditResponseSchema } from './list-audit-entries.types';

export const listAuditEntriesProcedure = procedure('audit.read')
  .meta({
    openapi: { method: 'GET', path: '/audit', tags: ['audit'], summary: 'Audit log entries, newest first' },
  })
  .input(ZListAuditRequestSchema)
  .output(ZListAuditResponseSchema)
  .query(({ ctx, input }) => listAuditEntries(ctx, input));
