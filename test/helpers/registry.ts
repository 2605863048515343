import { composeModules } from '../../src/platform/kit';
import { appModules } from '../../src/router';

/** The product's registry, as the composition root builds it: for unit tests that need the matrix or topics. */
export const productRegistry = composeModules(appModules);
export const permissionsOf = productRegistry.permissionsOf;
