/** The address a title gives, as the server makes it (src/modules/catalog/slug.ts). */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 94)
      .replace(/-+$/g, '') || 'item'
  );
}

/** A never-published product whose address still is its title's follows the title as it is retyped. */
export const followsTitle = (slug: string, title: string, everPublished: boolean) =>
  !everPublished && (slug === slugify(title) || new RegExp(`^${slugify(title)}-\\d+$`).test(slug));
