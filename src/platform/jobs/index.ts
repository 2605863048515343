/** Background jobs on pg-boss (both databases). The registry of queues and the cron table live beside this file. */
export interface Jobs {
  /** Enqueues a job; `singletonKey` makes the send idempotent. Returns the job id, or null when deduplicated. */
  send(
    queue: string,
    data: unknown,
    opts?: { singletonKey?: string; startAfterSeconds?: number; priority?: number },
  ): Promise<string | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
