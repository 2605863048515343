import type { Permission } from '../../lib/permission';
import type { NavItem } from '../../ui/page';

/** Links to the other surfaces, shown only to those who may open them. */
export function surfaceLinks(can: (p: Permission) => boolean, signedIn: boolean): NavItem[] {
  const items: NavItem[] = [
    { to: '/', label: 'Storefront', end: true },
    { to: '/products', label: 'Shop' },
  ];
  if (can('studio.access')) items.push({ to: '/studio', label: 'Studio' });
  if (can('console.access')) items.push({ to: '/console', label: 'Console' });
  if (signedIn) items.push({ to: '/account', label: 'Account' });
  return items;
}
