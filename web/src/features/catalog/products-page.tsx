import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { cursorPages } from '../../lib/cursor-pages';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { useDebounced } from '../../lib/use-debounced';
import type { Trpc } from '../../lib/web-module';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field, Select } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading, ProgressBar } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { useMe } from '../auth/use-me';
import { formatPrice, toMinorUnits } from './money';
import { StatusBadge } from './status-badge';

const statuses = ['draft', 'published', 'archived'] as const;
type Status = (typeof statuses)[number];
const isStatus = (s: string): s is Status => (statuses as readonly string[]).includes(s);

export const productsQuery = (trpc: Trpc, search = '', status?: Status) =>
  cursorPages(trpc.catalog.products.list, {
    ...(search ? { search } : {}),
    ...(status ? { status } : {}),
    limit: 50,
  });

type BulkChange =
  | { kind: 'status'; status: Status }
  | { kind: 'percent'; percent: string }
  | { kind: 'price'; major: string };

/** Console → Commerce → Products: find products, select some, change their status or prices together. */
export function ProductsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { can } = useMe();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const list = useInfiniteQuery({
    ...productsQuery(trpc, useDebounced(search.trim()), isStatus(status) ? status : undefined),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.products) ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [change, setChange] = useState<BulkChange>({ kind: 'status', status: 'published' });
  const [confirming, setConfirming] = useState(false);
  const currency = rows.find((r) => r.minPrice)?.minPrice?.currency ?? 'USD';

  const create = useMutation(
    trpc.catalog.products.create.mutationOptions({
      onSuccess: (p) => navigate(`/console/products/${p.id}`),
    }),
  );
  const bulk = useMutation(
    trpc.catalog.products.bulkEdit.mutationOptions({
      onSuccess: async () => {
        setSelected(new Set());
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.products.list.pathKey() });
      },
    }),
  );
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allShown = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const editable = can('catalog.write');

  const describeChange = () =>
    change.kind === 'status'
      ? `set to ${change.status}`
      : change.kind === 'percent'
        ? `prices changed by ${change.percent}%`
        : `every variant priced ${change.major} ${currency}`;
  const runBulk = () => {
    const ids = [...selected];
    if (change.kind === 'status') return bulk.mutateAsync({ ids, status: change.status });
    if (change.kind === 'percent')
      return bulk.mutateAsync({ ids, priceChangePercent: change.percent.trim() });
    const amount = toMinorUnits(change.major, currency);
    if (!amount) throw new Error(`Enter a price such as 19.99 (${currency})`);
    return bulk.mutateAsync({ ids, price: { amount, currency: currency as 'USD' } });
  };

  return (
    <>
      <PageHeader
        title="Products"
        lead="Every product of the shop, drafts and archived included. Select several to change their status or prices together; either all of them change or none."
        actions={
          editable ? (
            <Button loading={create.isPending} onClick={() => create.mutate({ title: 'Untitled product' })}>
              New product
            </Button>
          ) : null
        }
      />
      {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <search className="mb-5 grid gap-3 sm:grid-cols-[1fr_14rem]" aria-label="Filter products">
        <Field
          label="Search"
          type="search"
          placeholder="Title or SKU"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </search>
      {editable && selected.size > 0 ? (
        <form
          aria-label="Change the selected products"
          className="mb-4 flex flex-wrap items-end gap-3 rounded-card border border-line-strong bg-surface-raised p-3"
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <p className="w-full text-body font-semibold sm:w-auto sm:self-center">{selected.size} selected</p>
          <Select
            label="Change"
            value={change.kind}
            onChange={(e) => {
              const kind = e.target.value;
              setChange(
                kind === 'percent'
                  ? { kind, percent: '-10' }
                  : kind === 'price'
                    ? { kind, major: '' }
                    : { kind: 'status', status: 'published' },
              );
            }}
          >
            <option value="status">Status</option>
            <option value="percent">Prices by a percentage</option>
            <option value="price">Prices to one amount</option>
          </Select>
          {change.kind === 'status' ? (
            <Select
              label="New status"
              value={change.status}
              onChange={(e) =>
                isStatus(e.target.value) && setChange({ kind: 'status', status: e.target.value })
              }
            >
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          ) : change.kind === 'percent' ? (
            <Field
              label="Change (%)"
              inputMode="decimal"
              value={change.percent}
              onChange={(e) => setChange({ kind: 'percent', percent: e.target.value })}
              className="w-32"
            />
          ) : (
            <Field
              label={`Price (${currency})`}
              inputMode="decimal"
              value={change.major}
              onChange={(e) => setChange({ kind: 'price', major: e.target.value })}
              className="w-36"
            />
          )}
          <Button type="submit">Apply…</Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </form>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Change ${selected.size} product${selected.size === 1 ? '' : 's'}?`}
        confirmLabel="Apply to all"
        onConfirm={runBulk}
        onClose={() => setConfirming(false)}
      >
        The selected products will be {describeChange()}. If any one of them cannot change, none will.
      </ConfirmDialog>
      <div className="mb-3 h-1.5">
        {list.isFetching && !list.isPending ? <ProgressBar label="Updating list" /> : null}
      </div>
      {list.isPending ? (
        <Loading what="Loading products" />
      ) : list.error ? (
        <Alert>{errorMessage(list.error)}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState title="No products match">Try another search or status.</EmptyState>
      ) : (
        <>
          <Table caption="Products">
            <thead>
              <tr>
                {editable ? (
                  <Th>
                    <input
                      type="checkbox"
                      aria-label="Select every product shown"
                      className="size-4 accent-brand"
                      checked={allShown}
                      onChange={() => setSelected(allShown ? new Set() : new Set(rows.map((r) => r.id)))}
                    />
                  </Th>
                ) : null}
                <Th>Product</Th>
                <Th>Status</Th>
                <Th>Price</Th>
                <Th>Variants</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  {editable ? (
                    <Td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${p.title}`}
                        className="size-4 accent-brand"
                        checked={selected.has(p.id)}
                        onChange={() => toggle(p.id)}
                      />
                    </Td>
                  ) : null}
                  <Td>
                    <Link
                      to={`/console/products/${p.id}`}
                      className="font-semibold break-words hover:underline"
                    >
                      {p.title}
                    </Link>
                    <p className="break-all text-caption text-ink-muted">
                      {p.brand?.name ? `${p.brand.name} · ` : ''}/products/{p.slug}
                    </p>
                  </Td>
                  <Td>
                    <StatusBadge status={p.status} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    {p.minPrice && p.maxPrice && p.minPrice.amount !== p.maxPrice.amount
                      ? `${formatPrice(p.minPrice)} – ${formatPrice(p.maxPrice)}`
                      : formatPrice(p.minPrice)}
                  </Td>
                  <Td>{p.variantCount}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {list.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button
                variant="secondary"
                loading={list.isFetchingNextPage}
                onClick={() => list.fetchNextPage()}
              >
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
