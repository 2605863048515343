import { badInput } from '../../platform/errors';

export interface OptionDefinition {
  name: string;
  values: string[];
}

export interface VariantCombination {
  sku: string;
  options: Record<string, string>;
}

const describe = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'no options';

/** The same combination whatever order its keys came in: what two variants must never share. */
export const combinationKey = (options: Record<string, string>) =>
  JSON.stringify(
    Object.keys(options)
      .sort()
      .map((k) => [k, options[k]]),
  );

/**
 * A product's options and variants, checked together before anything is written: option names and values
 * unique, every variant naming exactly one listed value of every option, no combination twice, no SKU
 * twice. Throws the first problem as a 400 naming the field (`variants.2.options`).
 */
export function checkCombinations(options: OptionDefinition[], variants: VariantCombination[]): void {
  const names = new Map<string, number>();
  options.forEach((o, i) => {
    const key = o.name.trim().toLowerCase();
    if (names.has(key))
      throw badInput(
        `options.${i}.name`,
        `Use another name: option ${names.get(key)! + 1} is already called ${o.name}`,
      );
    names.set(key, i);
    const seen = new Set<string>();
    o.values.forEach((v, j) => {
      const vk = v.trim().toLowerCase();
      if (seen.has(vk))
        throw badInput(`options.${i}.values.${j}`, `Remove the second ${v}: ${o.name} lists it twice`);
      seen.add(vk);
    });
  });

  const combinations = new Map<string, number>();
  const skus = new Map<string, number>();
  variants.forEach((variant, i) => {
    const field = `variants.${i}.options`;
    for (const o of options) {
      const value = variant.options[o.name];
      if (value === undefined)
        throw badInput(field, `Choose a ${o.name} for this variant: one of ${o.values.join(', ')}`);
      if (!o.values.includes(value))
        throw badInput(field, `Choose a ${o.name} from ${o.values.join(', ')}: ${value} is not one of them`);
    }
    for (const key of Object.keys(variant.options))
      if (!options.some((o) => o.name === key))
        throw badInput(field, `Remove ${key}: the product has no option by that name`);
    const combination = combinationKey(variant.options);
    const twin = combinations.get(combination);
    if (twin !== undefined)
      throw badInput(
        field,
        `Change this combination: variant ${twin + 1} already is ${describe(variant.options)}`,
      );
    combinations.set(combination, i);
    const sku = variant.sku.trim().toUpperCase();
    const skuTwin = skus.get(sku);
    if (skuTwin !== undefined)
      throw badInput(
        `variants.${i}.sku`,
        `Use another SKU: variant ${skuTwin + 1} already has ${variant.sku}`,
      );
    skus.set(sku, i);
  });
}

/** Every combination of the options' values, in the options' order (what "create all variants" offers). */
export function allCombinations(options: OptionDefinition[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const o of options) out = out.flatMap((c) => o.values.map((v) => ({ ...c, [o.name]: v })));
  return out;
}
