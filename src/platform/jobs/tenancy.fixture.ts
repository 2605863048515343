import { defineTenancyFixture } from '../../../test/helpers/tenancy';

/**
 * The job system belongs to the deployment, and jobs carry channels' data (event payloads): a job with
 * B's data sits queued. Its console answers on the default channel only, so A (a channel of its own) gets
 * 403 whatever it aims at.
 */
const queueName = 'idempotency.purge';
const deploymentOnly = "the jobs console is served on the deployment's default channel only";

export const tenancyFixture = defineTenancyFixture({
  async seed(world) {
    const { platform } = world.app;
    const queue = platform.registry.queues.find((q) => q.name === queueName)!;
    const jobId = await platform.jobs.send(queue, { channelId: world.b.id, note: 'B-MARKER job' });
    if (!jobId) throw new Error('the job was not queued');
    return { jobId, markers: [jobId, 'B-MARKER job'] };
  },

  probes: (b) => ({
    'jobs.queues': { status: 403, why: deploymentOnly },
    'jobs.list': { input: { queue: queueName, state: 'queued' }, status: 403, why: deploymentOnly },
    'jobs.retry': { input: { queue: queueName, id: b.jobId }, status: 403, why: deploymentOnly },
  }),
});
