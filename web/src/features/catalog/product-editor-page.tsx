import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TProductDetail } from '../../../../src/modules/catalog/catalog.types';
import { useDateTime } from '../../lib/format';
import { errorData, errorMessage, httpStatusOf, useTRPC } from '../../lib/trpc';
import type { Trpc } from '../../lib/web-module';
import { Button } from '../../ui/button';
import { Card, CardHeader } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field, inputClass, Select } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { useMe } from '../auth/use-me';
import { SaveStatus } from './save-status';
import { followsTitle, slugify } from './slug';
import { StatusBadge } from './status-badge';
import { useAutosave } from './use-autosave';
import { VariantsEditor } from './variants-editor';

export const productQuery = (trpc: Trpc, id: string) => trpc.catalog.products.get.queryOptions({ id });
export const historyQuery = (trpc: Trpc, id: string) =>
  trpc.catalog.products.history.queryOptions({ id, limit: 10 });

interface DetailsPatch {
  title?: string;
  slug?: string;
  description?: string;
  brandId?: string | null;
  categoryIds?: string[];
}

/** One product: its details save as you type, its variants as a table, its status, and who changed what. */
export function ProductEditorPage() {
  const trpc = useTRPC();
  const { id = '' } = useParams();
  const product = useQuery(productQuery(trpc, id));
  if (product.isPending) return <Loading what="Loading the product" />;
  if (product.error)
    return httpStatusOf(product.error) === 404 ? (
      <EmptyState title="No such product">
        <Link to="/console/products" className="underline">
          Back to products
        </Link>
      </EmptyState>
    ) : (
      <Alert>{errorMessage(product.error)}</Alert>
    );
  // Keyed by id: another product starts with a fresh form.
  return <Editor key={product.data.id} product={product.data} />;
}

function Editor({ product }: { product: TProductDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useMe();
  const editable = can('catalog.write');
  const brands = useQuery(trpc.catalog.brands.list.queryOptions({}));
  const categories = useQuery(trpc.catalog.categories.list.queryOptions({}));
  const [form, setForm] = useState({
    title: product.title,
    slug: product.slug,
    description: product.description,
    brandId: product.brand?.id ?? '',
    categoryIds: product.categories.map((c) => c.id),
  });
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.catalog.products.get.queryKey({ id: product.id }) }),
      queryClient.invalidateQueries({ queryKey: trpc.catalog.products.history.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.catalog.products.list.pathKey() }),
    ]);
  };
  const update = useMutation(trpc.catalog.products.update.mutationOptions({ onSuccess: refresh }));
  const details = useAutosave<DetailsPatch>((patch) => update.mutateAsync({ id: product.id, ...patch }));
  const fieldError = (name: string) =>
    details.state.kind === 'error' ? errorData(details.state.error)?.fields?.[name] : undefined;

  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K], patch: DetailsPatch) => {
    setForm((f) => ({ ...f, [key]: value }));
    details.change(patch);
  };

  const statusMove = (to: 'publish' | 'unpublish' | 'archive') =>
    trpc.catalog.products[to].mutationOptions({ onSuccess: refresh });
  const publish = useMutation(statusMove('publish'));
  const unpublish = useMutation(statusMove('unpublish'));
  const archive = useMutation(statusMove('archive'));
  const [confirmArchive, setConfirmArchive] = useState(false);
  const statusError = publish.error ?? unpublish.error ?? archive.error;

  return (
    <>
      <PageHeader
        title={form.title || 'Untitled product'}
        lead={
          <>
            <StatusBadge status={product.status} />{' '}
            {product.status === 'published' ? (
              <Link to={`/products/${product.slug}`} className="underline">
                View in the shop
              </Link>
            ) : (
              'Not in the shop until published.'
            )}
          </>
        }
        actions={
          editable ? (
            <>
              {product.status !== 'published' && product.status !== 'archived' ? (
                <Button loading={publish.isPending} onClick={() => publish.mutate({ id: product.id })}>
                  Publish
                </Button>
              ) : null}
              {product.status !== 'draft' ? (
                <Button
                  variant="secondary"
                  loading={unpublish.isPending}
                  onClick={() => unpublish.mutate({ id: product.id })}
                >
                  {product.status === 'archived' ? 'Restore as draft' : 'Unpublish'}
                </Button>
              ) : null}
              {product.status !== 'archived' ? (
                <Button variant="danger" onClick={() => setConfirmArchive(true)}>
                  Archive
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      {statusError ? <Alert>{errorMessage(statusError)}</Alert> : null}
      <ConfirmDialog
        open={confirmArchive}
        title={`Archive “${form.title}”?`}
        confirmLabel="Archive"
        onConfirm={() => archive.mutateAsync({ id: product.id })}
        onClose={() => setConfirmArchive(false)}
      >
        It leaves the shop and the default lists. You can restore it as a draft later.
      </ConfirmDialog>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Details" />
            <fieldset disabled={!editable} className="min-w-0 space-y-4">
              <Field
                label="Title"
                value={form.title}
                error={fieldError('title')}
                onChange={(e) => {
                  const title = e.target.value;
                  if (
                    followsTitle(form.slug, form.title, product.publishedAt !== null) &&
                    slugify(title) !== 'item'
                  ) {
                    const slug = slugify(title);
                    setForm((f) => ({ ...f, title, slug }));
                    details.change({ title, slug });
                  } else set('title', title, { title });
                }}
                onBlur={() => void details.flush()}
              />
              <Field
                label="Address"
                hint={`/products/${form.slug}`}
                value={form.slug}
                error={fieldError('slug')}
                onChange={(e) => set('slug', e.target.value, { slug: e.target.value })}
                onBlur={() => void details.flush()}
              />
              <div className="space-y-1.5">
                <label
                  htmlFor="product-description"
                  className="block text-caption font-semibold uppercase tracking-wide text-ink-muted"
                >
                  Description
                </label>
                <textarea
                  id="product-description"
                  rows={6}
                  className={`${inputClass} h-auto py-2`}
                  value={form.description}
                  onChange={(e) => set('description', e.target.value, { description: e.target.value })}
                  onBlur={() => void details.flush()}
                />
              </div>
              <Select
                label="Brand"
                value={form.brandId}
                onChange={(e) => set('brandId', e.target.value, { brandId: e.target.value || null })}
              >
                <option value="">No brand</option>
                {brands.data?.brands.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </Select>
              <fieldset>
                <legend className="mb-2 text-caption font-semibold uppercase tracking-wide text-ink-muted">
                  Categories
                </legend>
                <ul className="max-h-64 space-y-1 overflow-y-auto rounded-control border border-line p-2">
                  {categories.data?.categories.map((c) => (
                    <li key={c.id} style={{ paddingLeft: `${c.depth * 1.25}rem` }}>
                      <label className="flex items-center gap-2 text-body">
                        <input
                          type="checkbox"
                          className="size-4 accent-brand"
                          checked={form.categoryIds.includes(c.id)}
                          onChange={(e) => {
                            const next = e.target.checked
                              ? [...form.categoryIds, c.id]
                              : form.categoryIds.filter((x) => x !== c.id);
                            set('categoryIds', next, { categoryIds: next });
                          }}
                        />
                        {c.name}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            </fieldset>
            <SaveStatus state={details.state} what="details" />
          </Card>
          <Card>
            <CardHeader title="Options and variants" />
            <div className="mb-4 grid aspect-[4/3] max-w-xs place-items-center rounded-card border border-dashed border-line-strong text-caption text-ink-faint">
              {/* Media seam: the storage port (another change) uploads images here. */}
              Images arrive with media uploads
            </div>
            <VariantsEditor product={product} editable={editable} onSaved={refresh} />
          </Card>
        </div>
        <RecentChanges productId={product.id} />
      </div>
    </>
  );
}

function RecentChanges({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const formatDateTime = useDateTime();
  const history = useQuery(historyQuery(trpc, productId));
  return (
    <Card className="h-fit">
      <CardHeader title="Recent changes" />
      {history.isPending ? (
        <Loading what="Loading changes" />
      ) : history.error ? (
        <Alert>{errorMessage(history.error)}</Alert>
      ) : (
        <ol className="space-y-3">
          {history.data.entries.map((e) => {
            const after = (e.data as { after?: Record<string, unknown> | null }).after;
            const fields = after ? Object.keys(after) : [];
            return (
              <li key={e.id} className="text-caption">
                <p className="font-semibold text-ink">{e.action.replace('catalog.products.', '')}</p>
                <p className="text-ink-muted">
                  {e.actorEmail ?? e.actorKind} · {formatDateTime(e.at)}
                </p>
                {fields.length && e.action.endsWith('update') ? (
                  <p className="break-words text-ink-faint">Changed {fields.join(', ')}</p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
