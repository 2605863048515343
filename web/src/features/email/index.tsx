import { defineWebModule } from '../../lib/web-module';
import { MailListPage } from './mail-list-page';
import { MailMessagePage } from './mail-message-page';
import { mailListQuery, mailMessageQuery, searchOf } from './mail-queries';

const description = 'Every email the product sends, caught here while no SMTP server is configured.';

export default defineWebModule({
  name: 'email',
  routes: [
    {
      surface: 'console',
      path: 'mail',
      element: <MailListPage />,
      permission: 'mail.read',
      queries: (trpc, { search }) => [mailListQuery(trpc, searchOf(search))],
      head: { title: 'Mail', description },
    },
    {
      surface: 'console',
      path: 'mail/:messageId',
      element: <MailMessagePage />,
      permission: 'mail.read',
      queries: (trpc, { params }) => [mailMessageQuery(trpc, params.messageId!)],
      head: ({ params, trpc, data }) => {
        const message = data(mailMessageQuery(trpc, params.messageId!));
        return message
          ? { title: message.subject, description: `An email to ${message.to}, as the product sent it.` }
          : { title: 'Email', description };
      },
      notFoundIs404: true,
    },
  ],
  nav: [
    {
      surface: 'console',
      area: 'Platform',
      label: 'Mail',
      description,
      to: '/console/mail',
      permission: 'mail.read',
      // After the operations pages: it is a developer's tool.
      order: 110,
    },
  ],
});
