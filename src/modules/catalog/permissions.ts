import { definePermissions } from '../../platform/kit';

export const catalogPermissions = definePermissions({
  'catalog.read': 'See every product (drafts and archived included), category and brand, and their changes',
  'catalog.write': 'Create and edit products, variants, prices, categories and brands; publish and archive',
});
declare module '../../platform/kit' {
  interface PermissionRegistry extends Record<keyof typeof catalogPermissions, true> {}
}
