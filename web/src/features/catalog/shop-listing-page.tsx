import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TSearchProductsRequest } from '../../../../src/modules/catalog/procedures/search-products.types';
import { cursorPages } from '../../lib/cursor-pages';
import { errorData, errorMessage, useTRPC } from '../../lib/trpc';
import type { Trpc } from '../../lib/web-module';
import { Button } from '../../ui/button';
import { Alert, EmptyState } from '../../ui/empty-state';
import { inputClass } from '../../ui/field';
import { Loading } from '../../ui/spinner';
import { formatPrice, toMajor, toMinorUnits } from './money';
import { ProductImage } from './product-image';

const PAGE = 24;
const MAX_PAGES = 10;
const sorts = [
  ['relevance', 'Best match'],
  ['newest', 'Newest'],
  ['price_asc', 'Price, low to high'],
  ['price_desc', 'Price, high to low'],
  ['name', 'Name'],
] as const;
type Sort = (typeof sorts)[number][0];

/** The listing's filters as the address carries them: /products?q=…&category=…&brand=a,b&priceMin=…&sort=… */
export function listingInput(search: URLSearchParams): Omit<TSearchProductsRequest, 'cursor'> {
  const input: Omit<TSearchProductsRequest, 'cursor'> = { limit: PAGE };
  for (const key of ['q', 'category', 'brand', 'priceMin', 'priceMax'] as const) {
    const value = search.get(key);
    if (value) input[key] = value;
  }
  const sort = search.get('sort');
  if (sorts.some(([s]) => s === sort)) input.sort = sort as Sort;
  return input;
}

/** How many pages the address says are on screen (so reload and back return to the same place). */
const pagesIn = (search: URLSearchParams) =>
  Math.min(Math.max(Number(search.get('pages')) || 1, 1), MAX_PAGES);

export const listingQuery = (trpc: Trpc, search: URLSearchParams) => ({
  ...cursorPages(trpc.catalog.shop.search, listingInput(search)),
  pages: pagesIn(search),
});

export function listingTitle(search: URLSearchParams, categoryName?: string): string {
  const q = search.get('q');
  if (q) return `Results for “${q}”`;
  return categoryName ?? 'Shop everything';
}

/** /products: search, filters with counts, sorts and a list that keeps loading as you scroll. */
export function ShopListingPage() {
  const trpc = useTRPC();
  const [search, setSearch] = useSearchParams();
  const listing = useInfiniteQuery(listingQuery(trpc, search));
  const first = listing.data?.pages[0];
  const products = listing.data?.pages.flatMap((p) => p.products) ?? [];
  const facets = first?.facets;
  const [q, setQ] = useState(search.get('q') ?? '');
  useEffect(() => setQ(search.get('q') ?? ''), [search]);

  /** A new choice: the address changes (so it can be shared), the list starts again from the top. */
  const choose = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('pages');
    if (!next.get('q') && next.get('sort') === 'relevance') next.delete('sort');
    setSearch(next);
  };
  const loadMore = async () => {
    if (!listing.hasNextPage || listing.isFetchingNextPage) return;
    await listing.fetchNextPage();
    const next = new URLSearchParams(search);
    next.set('pages', String(Math.min((listing.data?.pages.length ?? 1) + 1, MAX_PAGES)));
    setSearch(next, { replace: true, preventScrollReset: true });
  };
  const sentinel = useRef<HTMLDivElement>(null);
  const loadMoreRef = useRef(loadMore);
  loadMoreRef.current = loadMore;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadMoreRef.current();
      },
      { rootMargin: '600px' },
    );
    seen.observe(el);
    return () => seen.disconnect();
  }, []);

  const chosenBrands = (search.get('brand') ?? '').split(',').filter(Boolean);
  const category = facets?.categories.find((c) => c.slug === search.get('category'));
  const currency = facets?.price?.min.currency ?? first?.products[0]?.price.currency ?? 'USD';
  const badField = listing.error ? errorData(listing.error)?.field : undefined;

  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-caption text-ink-muted">
          <Link to="/products" className="hover:underline">
            Shop
          </Link>
          {category ? ` / ${category.name}` : null}
        </nav>
        <h1 className="mt-1 text-headline font-bold tracking-tight break-words">
          {listingTitle(search, category?.name)}
        </h1>
        {first?.total !== null && first?.total !== undefined ? (
          <p className="text-body text-ink-muted" role="status">
            {first.total} product{first.total === 1 ? '' : 's'}
          </p>
        ) : null}
      </div>
      <search aria-label="Product search">
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            choose({ q: q.trim() || null, sort: q.trim() ? 'relevance' : search.get('sort') });
          }}
        >
          <label htmlFor="shop-search" className="sr-only">
            Search products
          </label>
          <input
            id="shop-search"
            type="search"
            name="q"
            placeholder="Search products"
            className={inputClass}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <Button type="submit">Search</Button>
        </form>
      </search>
      <div className="grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)]">
        <aside aria-label="Filters" className="min-w-0 space-y-5">
          <label className="block space-y-1.5">
            <span className="block text-caption font-semibold uppercase tracking-wide text-ink-muted">
              Sort by
            </span>
            <select
              className={inputClass}
              value={listingInput(search).sort ?? (search.get('q') ? 'relevance' : 'newest')}
              onChange={(e) => choose({ sort: e.target.value })}
            >
              {sorts
                .filter(([s]) => s !== 'relevance' || search.get('q'))
                .map(([s, label]) => (
                  <option key={s} value={s}>
                    {label}
                  </option>
                ))}
            </select>
          </label>
          {facets ? (
            <>
              <fieldset>
                <legend className="mb-2 text-caption font-semibold uppercase tracking-wide text-ink-muted">
                  Category
                </legend>
                <ul className="space-y-1">
                  <li>
                    <button
                      type="button"
                      className="text-body hover:underline aria-[current=true]:font-bold"
                      aria-current={!search.get('category')}
                      onClick={() => choose({ category: null })}
                    >
                      All categories
                    </button>
                  </li>
                  {facets.categories.map((c) => (
                    <li key={c.slug} style={{ paddingLeft: `${c.depth}rem` }}>
                      <button
                        type="button"
                        className="text-left text-body hover:underline disabled:text-ink-faint aria-[current=true]:font-bold"
                        aria-current={search.get('category') === c.slug}
                        disabled={c.count === 0}
                        onClick={() => choose({ category: c.slug })}
                      >
                        {c.name} <span className="text-caption text-ink-muted">({c.count})</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <fieldset>
                <legend className="mb-2 text-caption font-semibold uppercase tracking-wide text-ink-muted">
                  Brand
                </legend>
                <ul className="space-y-1">
                  {facets.brands.map((b) => {
                    const on = chosenBrands.includes(b.slug);
                    return (
                      <li key={b.slug}>
                        <label className="flex items-center gap-2 text-body">
                          <input
                            type="checkbox"
                            className="size-4 accent-brand"
                            checked={on}
                            disabled={!on && b.count === 0}
                            onChange={() =>
                              choose({
                                brand:
                                  (on
                                    ? chosenBrands.filter((x) => x !== b.slug)
                                    : [...chosenBrands, b.slug]
                                  ).join(',') || null,
                              })
                            }
                          />
                          {b.name} <span className="text-caption text-ink-muted">({b.count})</span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
              <PriceFilter
                key={`${search.get('priceMin')}-${search.get('priceMax')}`}
                currency={currency}
                min={search.get('priceMin')}
                max={search.get('priceMax')}
                span={facets.price}
                onChoose={(priceMin, priceMax) => choose({ priceMin, priceMax })}
              />
            </>
          ) : null}
        </aside>
        <section aria-label="Products" className="min-w-0">
          {listing.isPending ? (
            <Loading what="Loading products" />
          ) : listing.error ? (
            <Alert>
              {errorMessage(listing.error)}{' '}
              {badField ? (
                <Link to="/products" className="underline">
                  Clear the filters
                </Link>
              ) : null}
            </Alert>
          ) : products.length === 0 ? (
            <EmptyState title="Nothing matches">Try fewer filters or another word.</EmptyState>
          ) : (
            <>
              <ul className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3">
                {products.map((p) => (
                  <li key={p.id} className="min-w-0">
                    <Link
                      to={`/products/${p.slug}`}
                      className="group block rounded-card focus-visible:outline-2 focus-visible:outline-focus"
                    >
                      <ProductImage image={p.image} title={p.title} />
                      <p className="mt-2 text-caption text-ink-muted break-words">{p.brand?.name}</p>
                      <h2 className="text-body font-semibold break-words group-hover:underline">{p.title}</h2>
                      <p className="text-body">
                        {p.maxPrice.amount !== p.price.amount ? 'From ' : ''}
                        {formatPrice(p.price)}
                      </p>
                    </Link>
                  </li>
                ))}
              </ul>
              <div ref={sentinel} className="mt-6 flex justify-center">
                {listing.hasNextPage ? (
                  <Button
                    variant="secondary"
                    loading={listing.isFetchingNextPage}
                    onClick={() => void loadMore()}
                  >
                    Load more
                  </Button>
                ) : (
                  <p className="text-caption text-ink-muted">That is everything.</p>
                )}
              </div>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function PriceFilter({
  currency,
  min,
  max,
  span,
  onChoose,
}: {
  currency: string;
  min: string | null;
  max: string | null;
  span: { min: { amount: string; currency: string }; max: { amount: string; currency: string } } | null;
  onChoose: (min: string | null, max: string | null) => void;
}) {
  const [lo, setLo] = useState(min ? toMajor({ amount: min, currency }) : '');
  const [hi, setHi] = useState(max ? toMajor({ amount: max, currency }) : '');
  const [problem, setProblem] = useState('');
  return (
    <form
      aria-label="Price"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const a = lo.trim() ? toMinorUnits(lo, currency) : null;
        const b = hi.trim() ? toMinorUnits(hi, currency) : null;
        if (a === undefined || b === undefined) return setProblem('Enter prices such as 25 or 19.99');
        if (a && b && BigInt(b) < BigInt(a)) return setProblem('The highest price is below the lowest');
        setProblem('');
        onChoose(a, b);
      }}
    >
      <p className="text-caption font-semibold uppercase tracking-wide text-ink-muted">Price ({currency})</p>
      <div className="flex items-center gap-2">
        <input
          aria-label="Lowest price"
          inputMode="decimal"
          className={inputClass}
          placeholder={span ? toMajor(span.min) : 'Min'}
          value={lo}
          onChange={(e) => setLo(e.target.value)}
        />
        <span aria-hidden="true">–</span>
        <input
          aria-label="Highest price"
          inputMode="decimal"
          className={inputClass}
          placeholder={span ? toMajor(span.max) : 'Max'}
          value={hi}
          onChange={(e) => setHi(e.target.value)}
        />
      </div>
      {problem ? (
        <p role="alert" className="text-caption text-danger">
          {problem}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" size="sm">
        Apply price
      </Button>
    </form>
  );
}
