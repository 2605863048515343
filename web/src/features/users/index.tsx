import { defineWebModule } from '../../lib/web-module';
import { UsersPage, usersQuery } from './users-page';

export default defineWebModule({
  name: 'users',
  routes: [
    {
      surface: 'console',
      path: 'users',
      element: <UsersPage />,
      permission: 'users.read',
      queries: (trpc) => [usersQuery(trpc)],
      head: { title: 'Users & roles', description: 'Find accounts and grant or remove their roles.' },
    },
  ],
  nav: [
    {
      surface: 'console',
      area: 'Platform',
      label: 'Users & roles',
      description: 'Find accounts and grant or remove their roles.',
      to: '/console/users',
      permission: 'users.read',
      order: 10,
    },
  ],
});
