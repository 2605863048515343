import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { allCombinations, checkCombinations, combinationKey } from './variant-combinations';

const options = [
  { name: 'Size', values: ['S', 'M', 'L'] },
  { name: 'Colour', values: ['Black', 'Sand'] },
];

function refusal(fn: () => void): { field?: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('variant combinations', () => {
  it('every combination of the options is a valid set of variants', () => {
    const all = allCombinations(options);
    expect(all).toHaveLength(6);
    expect(() =>
      checkCombinations(
        options,
        all.map((o, i) => ({ sku: `TEE-${i}`, options: o })),
      ),
    ).not.toThrow();
  });

  it('a product without options has one variant with no options', () => {
    expect(allCombinations([])).toEqual([{}]);
    expect(() => checkCombinations([], [{ sku: 'ONE', options: {} }])).not.toThrow();
    expect(
      refusal(() =>
        checkCombinations(
          [],
          [
            { sku: 'A', options: {} },
            { sku: 'B', options: {} },
          ],
        ),
      ).field,
    ).toBe('variants.1.options');
  });

  it('the same combination twice is refused at the second, whatever the key order', () => {
    const r = refusal(() =>
      checkCombinations(options, [
        { sku: 'A', options: { Size: 'M', Colour: 'Black' } },
        { sku: 'B', options: { Colour: 'Black', Size: 'M' } },
      ]),
    );
    expect(r.field).toBe('variants.1.options');
    expect(r.message).toMatch(/variant 1 already is Colour Black, Size M/);
    expect(combinationKey({ a: '1', b: '2' })).toBe(combinationKey({ b: '2', a: '1' }));
  });

  it('a value the option does not list, a missing option and an unknown option are refused', () => {
    expect(
      refusal(() => checkCombinations(options, [{ sku: 'A', options: { Size: 'XL', Colour: 'Sand' } }])),
    ).toEqual({
      field: 'variants.0.options',
      message: 'variants.0.options: Choose a Size from S, M, L: XL is not one of them',
    });
    expect(refusal(() => checkCombinations(options, [{ sku: 'A', options: { Size: 'S' } }])).message).toMatch(
      /Choose a Colour/,
    );
    expect(
      refusal(() =>
        checkCombinations(options, [{ sku: 'A', options: { Size: 'S', Colour: 'Sand', Fit: 'Slim' } }]),
      ).message,
    ).toMatch(/Remove Fit/);
  });

  it('a SKU twice (any case) and an option or value twice are refused naming the field', () => {
    expect(
      refusal(() =>
        checkCombinations(options, [
          { sku: 'tee-1', options: { Size: 'S', Colour: 'Sand' } },
          { sku: 'TEE-1', options: { Size: 'M', Colour: 'Sand' } },
        ]),
      ).field,
    ).toBe('variants.1.sku');
    expect(refusal(() => checkCombinations([...options, { name: 'size', values: ['x'] }], [])).field).toBe(
      'options.2.name',
    );
    expect(refusal(() => checkCombinations([{ name: 'Size', values: ['S', 's'] }], [])).field).toBe(
      'options.0.values.1',
    );
  });
});
