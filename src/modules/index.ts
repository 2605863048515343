import { catalogModule } from './catalog';

/**
 * Every business module, one line each, in order: seeders run in this order (after the platform's), so
 * list a module after those whose data its demo data refers to. How to add one: docs/modules.md.
 */
export const modules = [catalogModule] as const;
