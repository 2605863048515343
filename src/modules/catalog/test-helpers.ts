import { expect } from 'vitest';
import type { TestClient } from '../../../test/helpers/app';

/** Set-up through the catalog's own API, as staff would do it. Only tests import this file. */

let skus = 0;

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely in tests, as the test client does
export async function ok<T = any>(
  res: Promise<{ status: number; data: T; body: unknown }>,
  what: string,
): Promise<T> {
  const r = await res;
  expect(r.status, `${what}: ${JSON.stringify(r.body).slice(0, 400)}`).toBe(200);
  return r.data;
}

export const usd = (amount: string | number) => ({ amount: String(amount), currency: 'USD' });

export interface ProductSpec {
  title: string;
  description?: string;
  brandId?: string;
  categoryIds?: string[];
  prices?: Array<string | number>;
  publish?: boolean;
}

/** A product with one variant per price (Size S, M, L...), published unless told otherwise. */
export async function makeProduct(
  client: TestClient,
  spec: ProductSpec,
): Promise<{ id: string; slug: string }> {
  const created = await ok(
    client.mutate('catalog.products.create', {
      title: spec.title,
      description: spec.description ?? '',
      ...(spec.brandId ? { brandId: spec.brandId } : {}),
      ...(spec.categoryIds ? { categoryIds: spec.categoryIds } : {}),
    }),
    `create ${spec.title}`,
  );
  const prices = spec.prices ?? [1000];
  const sizes = ['S', 'M', 'L', 'XL', 'XXL'].slice(0, prices.length);
  await ok(
    client.mutate('catalog.products.saveVariants', {
      productId: created.id,
      options: prices.length > 1 ? [{ name: 'Size', values: sizes }] : [],
      variants: prices.map((p, i) => ({
        sku: `T-${++skus}-${Date.now().toString(36)}`,
        price: usd(p),
        options: prices.length > 1 ? { Size: sizes[i] } : {},
      })),
    }),
    `variants of ${spec.title}`,
  );
  if (spec.publish !== false)
    await ok(client.mutate('catalog.products.publish', { id: created.id }), `publish ${spec.title}`);
  return { id: created.id, slug: created.slug };
}

export async function makeCategory(client: TestClient, name: string, parentId?: string): Promise<string> {
  const c = await ok(
    client.mutate('catalog.categories.create', { name, ...(parentId ? { parentId } : {}) }),
    name,
  );
  return c.id;
}

export async function makeBrand(client: TestClient, name: string): Promise<{ id: string; slug: string }> {
  const b = await ok(client.mutate('catalog.brands.create', { name }), name);
  return { id: b.id, slug: b.slug };
}
