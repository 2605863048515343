import { eq, sql } from 'drizzle-orm';
import { defineTenancyFixture, must } from '../../../test/helpers/tenancy';
import { inTransaction } from '../context';
import { recordAudit } from './record';
import { auditLog } from './schema';

/**
 * Channel B's audit chain: an entry recorded by B's founder through the audit service (subject and data
 * carry markers), plus whatever B's founder did through B's API before; every entry id is a marker.
 */
export const tenancyFixture = defineTenancyFixture({
  async seed(world) {
    const { app, b } = world;
    const entry = await inTransaction(
      {
        db: app.platform.db,
        actor: { kind: 'user', userId: b.founder.userId, roles: ['founder'], permissions: new Set() },
        channelId: b.id,
        requestId: 'tenancy-fixture',
        clock: app.platform.clock,
      },
      (tx) =>
        recordAudit(tx, {
          action: 'tenancy.marker',
          subjectType: 'marker',
          subjectId: 'B-MARKER audit subject',
          data: { note: 'B-MARKER audit data' },
        }),
    );
    const listed = must(await b.founder.client.query('audit.list', {}), "B's audit log").data.entries as {
      id: string;
    }[];
    return { entryId: entry.id, markers: listed.map((e) => e.id) };
  },

  probes(b, world) {
    const a = world.a;
    return {
      'audit.list': [
        { name: 'everything', input: {}, status: 200 },
        { name: "B's founder as actor", input: { actorId: world.b.founder.userId }, status: 200 },
        {
          name: 'the caller as actor, who also acts on B',
          input: { actorId: a.founder.userId },
          status: 200,
        },
        { name: "B's founder by email", input: { actorEmail: world.b.founder.email }, status: 200 },
        { name: "B's subject", input: { subjectId: 'B-MARKER audit subject' }, status: 200 },
        { name: "B's action", input: { action: 'tenancy.marker' }, status: 200 },
      ],
      'audit.verify': {
        input: {},
        status: 200,
        // A chain walked across channels would count B's entries (and break at the first of them).
        check: async (report) => {
          const [row] = await world.app.platform.db
            .select({ n: sql<number>`count(*)::int` })
            .from(auditLog)
            .where(eq(auditLog.channelId, a.id));
          if (report.ok !== true || report.checked !== row!.n)
            throw new Error(
              `verify checked ${JSON.stringify(report)}, A has ${row!.n} entries (B has ${b.markers.length}+)`,
            );
        },
      },
    };
  },
});
