import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../lib/trpc';
import type { Trpc } from '../../lib/web-module';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field, Select } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { useFormErrors } from '../auth/use-form-error';
import { useMe } from '../auth/use-me';

export const categoriesQuery = (trpc: Trpc) => trpc.catalog.categories.list.queryOptions({});

/**
 * The category tree, in the order shoppers see it. Each row moves up or down among its siblings, or under
 * another parent, with buttons (keyboard and screen readers alike); the tree cannot be made into a loop.
 */
export function CategoriesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useMe();
  const editable = can('catalog.write');
  const tree = useQuery(categoriesQuery(trpc));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.catalog.categories.list.pathKey() });
  const move = useMutation(
    trpc.catalog.categories.move.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(categoriesQuery(trpc).queryKey, data),
    }),
  );
  const create = useMutation(trpc.catalog.categories.create.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.catalog.categories.delete.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const [announce, setAnnounce] = useState('');
  const err = useFormErrors(create.error, ['name', 'slug', 'parentId']);
  const rows = tree.data?.categories ?? [];
  const siblings = (p: string | null) => rows.filter((r) => r.parentId === p);

  const moveTo = async (
    row: (typeof rows)[number],
    parent: string | null,
    position: number,
    said: string,
  ) => {
    await move.mutateAsync({ id: row.id, parentId: parent, position });
    setAnnounce(`${row.name} ${said}`);
    // Keep the keyboard where it was: on the same button of the moved row, when it still exists.
    requestAnimationFrame(() => document.getElementById(`cat-${row.id}`)?.focus());
  };

  return (
    <>
      <PageHeader
        title="Categories"
        lead="The tree shoppers filter by. A category includes everything in its subcategories. Move rows with the buttons; the order here is the order in the shop."
      />
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {editable ? (
        <Card className="mb-6">
          <form
            aria-label="Add a category"
            className="grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(
                { name: name.trim(), ...(parentId ? { parentId } : {}) },
                { onSuccess: () => setName('') },
              );
            }}
          >
            <Field
              label="New category"
              value={name}
              error={err.field('name') ?? err.field('slug')}
              onChange={(e) => {
                setName(e.target.value);
                err.changed('name');
              }}
            />
            <Select label="Inside" value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">Top level</option>
              {rows.map((r) => (
                <option key={r.id} value={r.id}>
                  {'– '.repeat(r.depth)}
                  {r.name}
                </option>
              ))}
            </Select>
            <Button type="submit" loading={create.isPending}>
              Add
            </Button>
          </form>
          {err.form ? <Alert>{err.form}</Alert> : null}
        </Card>
      ) : null}
      {move.error ? <Alert>{errorMessage(move.error)}</Alert> : null}
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      {tree.isPending ? (
        <Loading what="Loading categories" />
      ) : tree.error ? (
        <Alert>{errorMessage(tree.error)}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState title="No categories yet">Add the first one above.</EmptyState>
      ) : (
        <ul aria-label="Category tree" className="space-y-1">
          {rows.map((r) => {
            const sibs = siblings(r.parentId);
            const at = sibs.findIndex((s) => s.id === r.id);
            const parent = rows.find((p) => p.id === r.parentId);
            const above = sibs[at - 1];
            return (
              <li
                key={r.id}
                className="flex flex-wrap items-center gap-2 rounded-control border border-line bg-surface px-3 py-2"
                style={{ marginLeft: `${Math.min(r.depth, 4) * 1.25}rem` }}
              >
                <span className="min-w-0 flex-1 break-words font-medium">
                  {r.name}{' '}
                  <span className="text-caption text-ink-faint">
                    /{r.slug} · {r.productCount} products
                  </span>
                </span>
                {editable ? (
                  <span className="flex flex-wrap gap-1">
                    <Button
                      id={`cat-${r.id}`}
                      variant="ghost"
                      size="sm"
                      disabled={at === 0 || move.isPending}
                      aria-label={`Move ${r.name} up`}
                      onClick={() => moveTo(r, r.parentId, at - 1, 'moved up')}
                    >
                      ↑
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={at === sibs.length - 1 || move.isPending}
                      aria-label={`Move ${r.name} down`}
                      onClick={() => moveTo(r, r.parentId, at + 1, 'moved down')}
                    >
                      ↓
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={!above || move.isPending}
                      aria-label={
                        above ? `Move ${r.name} into ${above.name}` : `Move ${r.name} into the category above`
                      }
                      onClick={() => above && moveTo(r, above.id, 10_000, `moved into ${above.name}`)}
                    >
                      →
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={!parent || move.isPending}
                      aria-label={`Move ${r.name} out of ${parent?.name ?? 'its parent'}`}
                      onClick={() =>
                        parent &&
                        moveTo(
                          r,
                          parent.parentId,
                          siblings(parent.parentId).findIndex((s) => s.id === parent.id) + 1,
                          `moved out of ${parent.name}`,
                        )
                      }
                    >
                      ←
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Delete ${r.name}`}
                      onClick={() => setDeleting(r)}
                    >
                      Delete
                    </Button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name}”?`}
        confirmLabel="Delete"
        onConfirm={() => deleting && remove.mutateAsync({ id: deleting.id })}
        onClose={() => setDeleting(null)}
      >
        Its products stay in the shop but leave this category. A category with subcategories cannot be
        deleted.
      </ConfirmDialog>
    </>
  );
}
