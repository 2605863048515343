import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics, one registry per process, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsCompleted: new Counter({
      name: 'jobs_completed_total',
      help: 'Jobs finished, by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    }),
    jobQueueDepth: new Gauge({
      name: 'job_queue_depth',
      help: 'Jobs waiting or running, by queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
    }),
    dlqDepth: new Gauge({
      name: 'job_dead_letter_depth',
      help: 'Jobs in the dead-letter queue',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'ws_connections',
      help: 'Open WebSocket connections on this node',
      registers: [registry],
    }),
    eventsDispatched: new Counter({
      name: 'outbox_events_dispatched_total',
      help: 'Domain events dispatched from the outbox',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
