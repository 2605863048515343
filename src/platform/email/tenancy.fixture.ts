import { defineTenancyFixture } from '../../../test/helpers/tenancy';
import { inTransaction } from '../context';
import { sendEmail } from './send-email';
import { signUpAttemptEmail } from './templates';

/**
 * Channel B's mail catcher: an email sent in B (to B's founder, subject and body carrying B's name). A's
 * admin reads A's catcher only: B's message is not listed and cannot be opened by its id.
 */
export const tenancyFixture = defineTenancyFixture({
  async seed(world) {
    const { app, b } = world;
    const { messageId } = await inTransaction(
      {
        db: app.platform.db,
        actor: { kind: 'system', userId: null, roles: [], permissions: new Set() },
        channelId: b.id,
        requestId: 'tenancy-fixture',
        clock: app.platform.clock,
      },
      (tx) =>
        sendEmail(
          { ...tx, platform: app.platform },
          {
            to: b.founder.email,
            template: signUpAttemptEmail,
            data: { name: 'B-MARKER mail', signInPath: '/signin', resetPath: '/forgot-password' },
          },
        ),
    );
    return { messageId, markers: [messageId, 'B-MARKER mail'] };
  },

  probes: (b, world) => {
    // auth's probes use A's sign-up form with B's founder's address: A emails that address (sign-up
    // answers alike, the owner is told by email), and that email is A's own, in A's catcher.
    const sentByA = {
      markers: [world.b.founder.email],
      why: "A's own email to the address someone typed into A's sign-up form (auth.signUp's probe)",
    };
    return {
      'mail.list': [
        { name: 'everything', input: {}, status: 200, reveals: sentByA },
        { name: "B's recipient", input: { search: world.b.founder.email }, status: 200, reveals: sentByA },
      ],
      'mail.get': { input: { id: b.messageId }, status: 404 },
    };
  },
});
