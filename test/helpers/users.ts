import { and, eq, sql } from 'drizzle-orm';
import { roleAssignments } from '../../src/platform/access';
import { users } from '../../src/platform/auth/schema';
import type { Role } from '../../src/platform/kit';
import type { TestApp, TestClient } from './app';

let counter = 0;

/** Signs a new user up through the API and gives them roles in the channel (straight in the table). */
export async function signUpAs(
  app: TestApp,
  roles: Role[] = [],
  opts: { channelId?: string; client?: TestClient; email?: string } = {},
): Promise<{ client: TestClient; userId: string; email: string; password: string }> {
  const client = opts.client ?? app.client();
  const email = opts.email ?? `user${++counter}-${Date.now().toString(36)}@example.test`;
  const password = 'correct-horse-battery-staple';
  const res = await client.mutate('auth.signUp', { email, password, displayName: `User ${counter}` });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [row] = await app.platform.db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  const userId = row!.id;
  const channelId = opts.channelId ?? app.platform.defaultChannelId;
  for (const role of roles) {
    await app.platform.db.insert(roleAssignments).values({ channelId, userId, role }).onConflictDoNothing();
  }
  return { client, userId, email, password };
}

export async function rolesOf(app: TestApp, userId: string, channelId = app.platform.defaultChannelId) {
  const rows = await app.platform.db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.channelId, channelId)));
  return rows.map((r) => r.role).sort();
}
