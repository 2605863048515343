import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeRouter, procedure, router } from '../../src/platform/http';
import { defineModule, type Role, roles } from '../../src/platform/kit';
import { appModules } from '../../src/router';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { listProcedures, type ProcedureInfo, restCallOf } from '../helpers/procedures';
import { permissionsOf } from '../helpers/registry';
import { createAccount, sessionFor } from '../helpers/users';

/**
 * The product has no `authenticated` procedure yet (every signed-in call names a permission); this module
 * keeps the walk below honest until one arrives, and any that does is walked the same way.
 */
const notesModule = defineModule({
  name: 'notes',
  description: 'Notes to self: any signed-in person may keep them (this test only)',
  router: {
    notes: router({
      mine: procedure('authenticated')
        .meta({ openapi: { method: 'GET', path: '/notes', tags: ['notes'], summary: 'My notes' } })
        .input(z.strictObject({ limit: z.number().int().optional() }))
        .output(z.object({ notes: z.array(z.string()) }))
        .query(() => ({ notes: [] })),
      save: procedure('authenticated')
        .meta({ openapi: { method: 'POST', path: '/notes', tags: ['notes'], summary: 'Save a note' } })
        .input(z.strictObject({ text: z.string() }))
        .output(z.object({ ok: z.literal(true) }))
        .mutation(() => ({ ok: true as const })),
    }),
  },
});

const servedRouter = composeRouter([...appModules, notesModule]);
const served = listProcedures(servedRouter);
const guarded = served.filter((p) => p.access !== 'public' && p.access !== 'authenticated');
const signedIn = served.filter((p) => p.access === 'authenticated');
/** An input no procedure accepts (an unknown field): a caller who gets past the check gets 400, nothing runs. */
const PROBE = { __probe__: true };
type Caller = Role | 'anonymous';
const callers: Caller[] = ['anonymous', ...roles];

/** The status each caller must get: 401 signed out, 403 without the permission, else past the check. */
function expected(p: ProcedureInfo, caller: Caller, pastTheCheck: number): number {
  if (caller === 'anonymous') return 401;
  if (p.access === 'authenticated') return pastTheCheck;
  return permissionsOf([caller]).has(p.access as never) ? pastTheCheck : 403;
}

/** A void input has nothing to get wrong over REST (a query string cannot make it invalid): the read runs. */
const takesNoInput = (p: ProcedureInfo) =>
  (servedRouter as any)._def.procedures[p.path]._def.inputs?.[0]?.def?.type === 'void';

/**
 * The public procedure sent in the same batch: it must answer 200 whatever happens to its neighbour.
 * The mutation counts against the passkey sign-in class (60 calls a minute per address), so each batch
 * comes from an address of its own: the walk sends it about 200 times.
 */
const publicNeighbour = {
  query: { path: 'system.ping', input: undefined },
  mutation: { path: 'auth.passkeys.authenticationOptions', input: {} },
} as const;

describe('each role is allowed exactly what the matrix says, over every way of calling', () => {
  let app: TestApp;
  const clients = new Map<Caller, TestClient>();

  beforeAll(async () => {
    // X-Forwarded-For is believed, so each batch can come from an address of its own (see batch()).
    app = await startTestApp({ env: { ROLES: 'api', TRUST_PROXY: 'true' }, modules: [notesModule] });
    clients.set('anonymous', app.client());
    for (const role of roles) {
      const account = await createAccount(app, { roles: role === 'customer' ? [] : [role] });
      clients.set(role, (await sessionFor(app, account.userId)).client);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const single = (client: TestClient, p: ProcedureInfo) =>
    p.type === 'query' ? client.query(p.path, PROBE) : client.mutate(p.path, PROBE);

  async function rest(client: TestClient, p: ProcedureInfo) {
    const call = restCallOf(p.meta, PROBE)!;
    return client.request(call.method, call.url, call.body);
  }

  let batches = 0;

  /** `guarded,public?batch=1`: each call of the batch answers with its own status. */
  async function batch(client: TestClient, p: ProcedureInfo): Promise<number[]> {
    const neighbour = publicNeighbour[p.type as 'query' | 'mutation'];
    const paths = `${p.path},${neighbour.path}`;
    const inputs: Record<string, unknown> = { 0: PROBE };
    if (neighbour.input !== undefined) inputs[1] = neighbour.input;
    const n = ++batches;
    const from = { 'x-forwarded-for': `10.1.${(n >> 8) & 255}.${n & 255}` };
    const res =
      p.type === 'query'
        ? await client.request<any[]>(
            'GET',
            `/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`,
            undefined,
            from,
          )
        : await client.request<any[]>('POST', `/trpc/${paths}?batch=1`, inputs, from);
    expect(Array.isArray(res.body), `${paths}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(true);
    return res.body.map((r: any) => (r.error ? r.error.data.httpStatus : 200));
  }

  it('there are guarded and authenticated procedures to probe, and every one declares its access', () => {
    expect(guarded.length).toBeGreaterThan(10);
    expect(signedIn.map((p) => p.path)).toEqual(expect.arrayContaining(['notes.mine', 'notes.save']));
    expect(served.filter((p) => !p.access)).toEqual([]);
  });

  for (const p of [...guarded, ...signedIn]) {
    it(`${p.path} (${p.access}): single tRPC calls, REST and batches`, async () => {
      await Promise.all(
        callers.map(async (caller) => {
          const client = clients.get(caller)!;
          const res = await single(client, p);
          expect.soft(res.status, `${caller} → ${p.path} over tRPC`).toBe(expected(p, caller, 400));

          if (p.meta.openapi) {
            const r = await rest(client, p);
            const past = takesNoInput(p) ? 200 : 400;
            expect
              .soft(r.status, `${caller} → ${p.path} over REST: ${JSON.stringify(r.body).slice(0, 200)}`)
              .toBe(expected(p, caller, past));
          }

          const statuses = await batch(client, p);
          expect
            .soft(statuses, `${caller} → ${p.path} batched with a public ${p.type}`)
            .toEqual([expected(p, caller, 400), 200]);
        }),
      );
    });
  }
});
