import { defineTenancyFixture, must } from '../../../test/helpers/tenancy';
import { photo } from './test-files';
import { postFile } from './test-upload';

/**
 * Channel B's media: a picture B's founder uploaded on B's host. A's founder cannot follow it by its id.
 */
export const tenancyFixture = defineTenancyFixture({
  async seed(world) {
    const client = world.b.founder.client;
    must(await client.request('GET', '/trpc/system.ping'), 'a CSRF token on B');
    const res = await postFile(
      client,
      '/api/v1/media',
      await photo({ width: 400, height: 300, seed: 'B-MARKER' }),
    );
    if (res.status !== 202) throw new Error(`B's upload: ${res.status} ${JSON.stringify(res.body)}`);
    const assetId = res.body.id as string;
    return { assetId, markers: [assetId] };
  },

  probes: (b) => ({
    'media.get': { input: { id: b.assetId }, status: 404 },
  }),
});
