import { router } from '../http';
import { listAuditEntriesProcedure } from './procedures/list-audit-entries';
import { verifyAuditChainProcedure } from './procedures/verify-audit-chain';

export const auditRouter = router({
  list: listAuditEntriesProcedure,
  verify: verifyAuditChainProcedure,
});
