/** Logs, metrics and health probes. */
export { healthPlugin } from './health';
export { createLogger, RequestLogger, redactPaths } from './logger';
export { createMetrics, type Metrics } from './metrics';
