export { type AuditInput, canonicalJson, GENESIS_HASH, hashEntry, recordAudit } from './record';
