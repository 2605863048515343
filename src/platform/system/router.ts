import { router } from '../http';
import { pingProcedure } from './procedures/ping';

export const systemRouter = router({ ping: pingProcedure });
