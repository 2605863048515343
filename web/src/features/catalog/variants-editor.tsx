import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { TProductDetail } from '../../../../src/modules/catalog/catalog.types';
import { errorData, useTRPC } from '../../lib/trpc';
import { Button } from '../../ui/button';
import { inputClass } from '../../ui/field';
import { toMajor, toMinorUnits } from './money';
import { SaveStatus } from './save-status';
import { useAutosave } from './use-autosave';

interface OptionRow {
  name: string;
  /** As typed: values separated by commas. */
  values: string;
}

interface VariantRow {
  key: string;
  id?: string;
  sku: string;
  barcode: string;
  price: string;
  options: Record<string, string>;
}

const small = `${inputClass.replace('h-11', 'h-9')} min-w-24`;
let rowKeys = 0;

function parseOptions(rows: OptionRow[]) {
  return rows
    .map((o) => ({
      name: o.name.trim(),
      values: o.values
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    }))
    .filter((o) => o.name && o.values.length);
}

/**
 * Options (Size: S, M, L) and one row per variant with its SKU, barcode, price and option values. Saves
 * as you go once every row is complete; the server checks the combinations and SKUs and names the row
 * it refuses.
 */
export function VariantsEditor({
  product,
  editable,
  onSaved,
}: {
  product: TProductDetail;
  editable: boolean;
  onSaved: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const currency = product.variants[0]?.price.currency ?? product.minPrice?.currency ?? 'USD';
  const [options, setOptions] = useState<OptionRow[]>(
    product.options.map((o) => ({ name: o.name, values: o.values.join(', ') })),
  );
  const [variants, setVariants] = useState<VariantRow[]>(
    product.variants.map((v) => ({
      key: `v${++rowKeys}`,
      id: v.id,
      sku: v.sku,
      barcode: v.barcode ?? '',
      price: toMajor(v.price),
      options: v.options,
    })),
  );
  const save = useMutation(trpc.catalog.products.saveVariants.mutationOptions());
  const autosave = useAutosave<{ options: OptionRow[]; variants: VariantRow[] }>(
    async ({ options: o, variants: v }) => {
      const parsed = parseOptions(o ?? options);
      const rows = v ?? variants;
      const saved = await save.mutateAsync({
        productId: product.id,
        options: parsed,
        variants: rows.map((r) => ({
          ...(r.id ? { id: r.id } : {}),
          sku: r.sku.trim(),
          barcode: r.barcode.trim() || null,
          price: { amount: toMinorUnits(r.price, currency) ?? 'x', currency: currency as 'USD' },
          options: Object.fromEntries(parsed.map((p) => [p.name, r.options[p.name] ?? ''])),
        })),
      });
      // New rows learn their ids, so the next save keeps them rather than making them again.
      setVariants((now) =>
        now.map((r, i) =>
          r.id || !saved.variants[i] || saved.variants[i]!.sku !== r.sku.trim()
            ? r
            : { ...r, id: saved.variants[i]!.id },
        ),
      );
      await onSaved();
    },
    900,
  );
  const complete = (rows: VariantRow[]) =>
    rows.every((r) => r.sku.trim() && toMinorUnits(r.price, currency) !== undefined);
  const changed = (o: OptionRow[], v: VariantRow[]) => {
    setOptions(o);
    setVariants(v);
    if (complete(v)) autosave.change({ options: o, variants: v });
  };
  const parsed = parseOptions(options);
  const problem = autosave.state.kind === 'error' ? (errorData(autosave.state.error)?.fields ?? {}) : {};
  const rowProblem = (i: number) =>
    Object.entries(problem)
      .filter(([f]) => f.startsWith(`variants.${i}.`))
      .map(([, m]) => m)
      .join(' ');

  const addAllCombinations = () => {
    let combos: Record<string, string>[] = [{}];
    for (const o of parsed) combos = combos.flatMap((c) => o.values.map((v) => ({ ...c, [o.name]: v })));
    const have = new Set(variants.map((v) => JSON.stringify(parsed.map((p) => v.options[p.name]))));
    const base = product.slug.toUpperCase().slice(0, 12);
    const price = variants[0]?.price ?? '';
    const added = combos
      .filter((c) => !have.has(JSON.stringify(parsed.map((p) => c[p.name]))))
      .map((c) => ({
        key: `v${++rowKeys}`,
        sku: [base, ...parsed.map((p) => c[p.name]!.toUpperCase().replace(/[^A-Z0-9]+/g, ''))].join('-'),
        barcode: '',
        price,
        options: c,
      }));
    changed(options, [...variants, ...added]);
  };

  return (
    <fieldset disabled={!editable} className="min-w-0 space-y-5">
      <div className="space-y-3">
        <h3 className="text-body font-semibold">Options</h3>
        {options.map((o, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options have no id until saved; their place is who they are
          <div key={i} className="grid gap-2 sm:grid-cols-[10rem_1fr_auto]">
            <input
              aria-label={`Option ${i + 1} name`}
              placeholder="Size"
              className={small}
              value={o.name}
              onChange={(e) =>
                changed(
                  options.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                  variants,
                )
              }
            />
            <input
              aria-label={`Option ${i + 1} values, separated by commas`}
              placeholder="S, M, L"
              className={small}
              value={o.values}
              onChange={(e) =>
                changed(
                  options.map((x, j) => (j === i ? { ...x, values: e.target.value } : x)),
                  variants,
                )
              }
            />
            <Button
              variant="ghost"
              size="sm"
              onClick={() =>
                changed(
                  options.filter((_, j) => j !== i),
                  variants,
                )
              }
            >
              Remove option
            </Button>
          </div>
        ))}
        <div className="flex flex-wrap gap-2">
          {options.length < 3 ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setOptions([...options, { name: '', values: '' }])}
            >
              Add option
            </Button>
          ) : null}
          <Button variant="secondary" size="sm" onClick={addAllCombinations}>
            Add every combination
          </Button>
        </div>
      </div>
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-body">
          <caption className="sr-only">Variants</caption>
          <thead>
            <tr className="text-caption text-ink-muted">
              {parsed.map((p) => (
                <th key={p.name} scope="col" className="p-1 font-semibold">
                  {p.name}
                </th>
              ))}
              <th scope="col" className="p-1 font-semibold">
                SKU
              </th>
              <th scope="col" className="p-1 font-semibold">
                Barcode
              </th>
              <th scope="col" className="p-1 font-semibold">
                Price ({currency})
              </th>
              <th scope="col" className="p-1">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {variants.map((v, i) => {
              const edit = (patch: Partial<VariantRow>) =>
                changed(
                  options,
                  variants.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                );
              const label = `variant ${i + 1}`;
              const issue = rowProblem(i);
              return (
                <tr key={v.key} className="align-top">
                  {parsed.map((p) => (
                    <td key={p.name} className="p-1">
                      <select
                        aria-label={`${p.name} of ${label}`}
                        className={small}
                        value={v.options[p.name] ?? ''}
                        onChange={(e) => edit({ options: { ...v.options, [p.name]: e.target.value } })}
                      >
                        <option value="">Choose</option>
                        {p.values.map((val) => (
                          <option key={val}>{val}</option>
                        ))}
                      </select>
                    </td>
                  ))}
                  <td className="p-1">
                    <input
                      aria-label={`SKU of ${label}`}
                      className={small}
                      value={v.sku}
                      onChange={(e) => edit({ sku: e.target.value })}
                    />
                    {issue ? (
                      <p role="alert" className="mt-1 text-caption text-danger">
                        {issue}
                      </p>
                    ) : null}
                  </td>
                  <td className="p-1">
                    <input
                      aria-label={`Barcode of ${label}`}
                      className={small}
                      value={v.barcode}
                      onChange={(e) => edit({ barcode: e.target.value })}
                    />
                  </td>
                  <td className="p-1">
                    <input
                      aria-label={`Price of ${label}`}
                      inputMode="decimal"
                      className={small}
                      value={v.price}
                      aria-invalid={
                        v.price !== '' && toMinorUnits(v.price, currency) === undefined ? true : undefined
                      }
                      onChange={(e) => edit({ price: e.target.value })}
                    />
                  </td>
                  <td className="p-1">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Remove ${label}`}
                      onClick={() =>
                        changed(
                          options,
                          variants.filter((_, j) => j !== i),
                        )
                      }
                    >
                      ×
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Button
        variant="secondary"
        size="sm"
        onClick={() =>
          setVariants([
            ...variants,
            { key: `v${++rowKeys}`, sku: '', barcode: '', price: variants[0]?.price ?? '', options: {} },
          ])
        }
      >
        Add variant
      </Button>
      <SaveStatus state={autosave.state} what="variants" />
    </fieldset>
  );
}
