/**
 * Every permission in the product. The platform's slices and each module add their own by augmenting
 * this interface next to the runtime declaration in their manifest, so `procedure('catalog.wirte')`, a
 * grant of an unknown permission or a typo in the web app's nav is a compile error:
 *
 * ```ts
 * export const catalogPermissions = definePermissions({ 'catalog.read': 'See products, drafts included' });
 * declare module '../../platform/kit' {
 *   interface PermissionRegistry extends Record<keyof typeof catalogPermissions, true> {}
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging, one block per owner
export interface PermissionRegistry {}

export type Permission = Extract<keyof PermissionRegistry, string>;

/** `area.verb`: lower camel case words joined by one dot. */
const PERMISSION_RE = /^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/;

/**
 * A module's permissions with what each allows, in words an administrator reads in the docs' matrix.
 * Keys must look like `area.verb`.
 */
export function definePermissions<const P extends Record<string, string>>(permissions: P): P {
  for (const [name, description] of Object.entries(permissions)) {
    if (!PERMISSION_RE.test(name)) throw new Error(`Permission "${name}" must look like area.verb`);
    if (!description.trim()) throw new Error(`Permission "${name}" needs a description`);
  }
  return permissions;
}
