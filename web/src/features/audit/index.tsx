import { defineWebModule } from '../../lib/web-module';
import { auditEntriesQuery, filtersFrom } from './audit-filters';
import { AuditPage } from './audit-page';

export default defineWebModule({
  name: 'audit',
  routes: [
    {
      surface: 'console',
      path: 'audit',
      element: <AuditPage />,
      permission: 'audit.read',
      queries: (trpc, { search }) => [auditEntriesQuery(trpc, filtersFrom(search))],
      head: {
        title: 'Audit log',
        description: 'Every privileged action, hash-chained so tampering shows.',
      },
    },
  ],
  nav: [
    {
      surface: 'console',
      area: 'Platform',
      label: 'Audit log',
      description: 'Every privileged action, hash-chained so tampering shows.',
      to: '/console/audit',
      permission: 'audit.read',
    },
  ],
});
