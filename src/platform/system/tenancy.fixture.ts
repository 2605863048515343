import { defineTenancyFixture } from '../../../test/helpers/tenancy';

/** Liveness holds no channel data: the probe proves it answers alike and says nothing of B. */
export const tenancyFixture = defineTenancyFixture({
  seed: async () => ({ markers: [] }),
  probes: () => ({ 'system.ping': { status: 200 } }),
});
