/**
 * Runs queries one after another and gives their results in order. A transaction is one connection, and
 * node-postgres refuses (from pg 9 on) a query sent while another is still running on it; drizzle's
 * builders only start when awaited, so each step starts when the previous one is done.
 */
export async function serially<const T extends readonly (() => unknown)[]>(
  steps: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const step of steps) out.push(await step());
  return out as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
