export { type AuditInput, canonicalJson, GENESIS_HASH, hashEntry, recordAudit } from './record';
export { type BrokenLink, type ChainStatus, verifyAuditChain } from './verify-audit-chain';
