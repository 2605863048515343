import { defineTenancyFixture, must } from '../../../test/helpers/tenancy';

/** Channel B's staff: an account whose home is B, made support by B's founder through B's API. */
export const tenancyFixture = defineTenancyFixture({
  async seed(world) {
    const staff = await world.accountOn(world.b, {
      email: 'staff-b@example.test',
      displayName: 'B-MARKER staff',
    });
    must(
      await world.b.founder.client.mutate('users.assignRole', { userId: staff.userId, role: 'support' }),
      "B's founder grants support",
    );
    return { staffId: staff.userId, markers: [staff.userId, staff.email] };
  },

  probes(b, world) {
    return {
      'users.list': [
        { name: 'everyone', input: {}, status: 200 },
        { name: "B's staff by email", input: { search: 'staff-b@example.test' }, status: 200 },
        { name: "B's founder by email", input: { search: world.b.founder.email }, status: 200 },
        { name: 'support staff', input: { role: 'support' }, status: 200 },
      ],
      'users.assignRole': [
        { name: "B's staff", input: { userId: b.staffId, role: 'admin' }, status: 404 },
        { name: "B's founder", input: { userId: world.b.founder.userId, role: 'support' }, status: 404 },
      ],
      'users.removeRole': [
        { name: "B's staff", input: { userId: b.staffId, role: 'support' }, status: 404 },
        { name: "B's founder", input: { userId: world.b.founder.userId, role: 'founder' }, status: 404 },
      ],
    };
  },
});
