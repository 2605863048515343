export { KEEP_MS, purgeExpiredIdempotencyKeys, STALE_AFTER_MS } from './key-store';
export {
  IDEMPOTENCY_HEADER,
  idempotencyKeyOf,
  idempotencyScope,
  REPLAYED_HEADER,
  requestHashOf,
  withIdempotencyKey,
} from './middleware';
