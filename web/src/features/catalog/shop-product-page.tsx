import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TStorefrontProductResponse } from '../../../../src/modules/catalog/procedures/get-storefront-product.types';
import { errorMessage, httpStatusOf, useTRPC } from '../../lib/trpc';
import type { Head, Trpc } from '../../lib/web-module';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Loading } from '../../ui/spinner';
import { formatPrice, toMajor } from './money';
import { ProductImage } from './product-image';

export const shopProductQuery = (trpc: Trpc, slug: string) =>
  trpc.catalog.shop.product.queryOptions({ slug });

type Product = TStorefrontProductResponse;
type Variant = Product['variants'][number];

/** The page's head: description, canonical address, Open Graph and schema.org Product with its offers. */
export function productHead(p: Product | undefined, slug: string, siteUrl = ''): Head {
  if (!p) return { title: 'Product', canonical: `/products/${slug}`, type: 'product' };
  const description =
    p.description.length > 155 ? `${p.description.slice(0, 152).trimEnd()}…` : p.description;
  return {
    title: p.title,
    description,
    canonical: `/products/${p.slug}`,
    type: 'product',
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: p.title,
      description: p.description,
      url: `${siteUrl}/products/${p.slug}`,
      sku: p.variants[0]?.sku,
      ...(p.brand ? { brand: { '@type': 'Brand', name: p.brand.name } } : {}),
      ...(p.categories[0] ? { category: p.categories[0].path.map((c) => c.name).join(' > ') } : {}),
      offers: p.variants.map((v) => ({
        '@type': 'Offer',
        sku: v.sku,
        price: toMajor(v.price),
        priceCurrency: v.price.currency,
        url: `${siteUrl}/products/${p.slug}?variant=${v.id}`,
      })),
    },
  };
}

/** Whether a variant has every chosen value (an option not chosen yet matches anything). */
const fits = (v: Variant, chosen: Record<string, string>) =>
  Object.entries(chosen).every(([k, val]) => v.options[k] === val);

/** /products/:slug: the product, a variant picker that offers only combinations that exist, the price. */
export function ShopProductPage() {
  const trpc = useTRPC();
  const { slug = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const product = useQuery(shopProductQuery(trpc, slug));
  if (product.isPending) return <Loading what="Loading the product" />;
  if (product.error)
    return httpStatusOf(product.error) === 404 ? (
      <EmptyState title="This product is not in the shop">
        <Link to="/products" className="underline">
          See every product
        </Link>
      </EmptyState>
    ) : (
      <Alert>{errorMessage(product.error)}</Alert>
    );
  const p = product.data;
  const selected =
    p.variants.find((v) => v.id === search.get('variant')) ??
    (p.variants.length === 1 ? p.variants[0] : undefined);
  const chosen: Record<string, string> = {};
  for (const o of p.options) {
    const value = search.get(`o.${o.name}`) ?? selected?.options[o.name];
    if (value) chosen[o.name] = value;
  }
  const match = p.variants.find((v) => p.options.every((o) => v.options[o.name] === chosen[o.name]));
  const pick = (name: string, value: string) => {
    const next = { ...chosen, [name]: value };
    // Choosing a value that rules out the others' choices keeps only what still fits.
    for (const o of p.options)
      if (
        o.name !== name &&
        next[o.name] &&
        !p.variants.some((v) => fits(v, { ...next, [o.name]: next[o.name]! }))
      )
        delete next[o.name];
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) params.set(`o.${k}`, v);
    const exact = p.variants.find((v) => p.options.every((o) => v.options[o.name] === next[o.name]));
    if (exact) {
      for (const o of p.options) params.delete(`o.${o.name}`);
      params.set('variant', exact.id);
    }
    setSearch(params, { replace: true, preventScrollReset: true });
  };
  const lowest = p.variants.reduce<Variant | undefined>(
    (a, v) => (!a || BigInt(v.price.amount) < BigInt(a.price.amount) ? v : a),
    undefined,
  );
  const trail = p.categories[0]?.path ?? [];

  return (
    <article className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-caption text-ink-muted break-words">
        <Link to="/products" className="hover:underline">
          Shop
        </Link>
        {trail.map((c) => (
          <span key={c.slug}>
            {' / '}
            <Link to={`/products?category=${c.slug}`} className="hover:underline">
              {c.name}
            </Link>
          </span>
        ))}
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        <ProductImage image={p.image} title={p.title} large />
        <div className="min-w-0 space-y-5">
          <div>
            {p.brand ? (
              <Link
                to={`/products?brand=${p.brand.slug}`}
                className="text-caption font-semibold uppercase tracking-wide text-brand hover:underline"
              >
                {p.brand.name}
              </Link>
            ) : null}
            <h1 className="mt-1 text-headline font-bold tracking-tight break-words">{p.title}</h1>
            <p className="mt-2 text-title" aria-live="polite">
              {match ? formatPrice(match.price) : lowest ? `From ${formatPrice(lowest.price)}` : null}
            </p>
          </div>
          {p.options.map((o) => (
            <fieldset key={o.name}>
              <legend className="mb-2 text-caption font-semibold uppercase tracking-wide text-ink-muted">
                {o.name}
                {chosen[o.name] ? `: ${chosen[o.name]}` : ''}
              </legend>
              <div className="flex flex-wrap gap-2">
                {o.values.map((value) => {
                  const others = Object.fromEntries(Object.entries(chosen).filter(([k]) => k !== o.name));
                  const exists = p.variants.some((v) => fits(v, { ...others, [o.name]: value }));
                  const on = chosen[o.name] === value;
                  return (
                    <button
                      key={value}
                      type="button"
                      aria-pressed={on}
                      disabled={!exists}
                      title={exists ? undefined : `Not available with ${Object.values(others).join(', ')}`}
                      className="min-h-10 min-w-12 rounded-control border border-line-strong px-3 text-body hover:bg-surface-hover disabled:cursor-not-allowed disabled:line-through disabled:opacity-40 aria-pressed:border-brand aria-pressed:bg-brand/15 focus-visible:outline-2 focus-visible:outline-focus"
                      onClick={() => pick(o.name, value)}
                    >
                      {value}
                    </button>
                  );
                })}
              </div>
            </fieldset>
          ))}
          <p className="text-caption text-ink-muted" role="status">
            {match
              ? `SKU ${match.sku}`
              : p.options.length
                ? 'Choose ' +
                  p.options
                    .filter((o) => !chosen[o.name])
                    .map((o) => o.name.toLowerCase())
                    .join(' and ')
                : ''}
          </p>
          <p className="whitespace-pre-line text-body text-ink-muted break-words">{p.description}</p>
          {p.attributes.length ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-body">
              {p.attributes.map((a) => (
                <div key={a.key} className="contents">
                  <dt className="font-semibold capitalize">{a.key}</dt>
                  <dd className="break-words">{a.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
      </div>
    </article>
  );
}
