export { auditChainReport, type ChainReport } from './chain-report';
export { type AuditInput, canonicalJson, GENESIS_HASH, hashEntry, recordAudit } from './record';
export { auditRouter } from './router';
export { type BrokenLink, type ChainStatus, verifyAuditChain } from './verify-audit-chain';
