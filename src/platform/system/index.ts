import { defineModule } from '../kit';
import { systemRouter } from './router';

export const systemModule = defineModule({
  name: 'system',
  description: 'Liveness and version for status pages and uptime checks.',
  router: { system: systemRouter },
});
