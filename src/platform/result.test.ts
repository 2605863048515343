import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError } from './errors';
import { type Outcome, ok, orThrow, type Refusal, refused } from './result';

type StockRefusal = Refusal<'INSUFFICIENT_STOCK'> & { details: { sku: string; available: number } };

/** A stand-in for a stock service: reserves when enough is left, refuses with what is left otherwise. */
function reserve(sku: string, qty: number, available: number): Outcome<{ reserved: number }, StockRefusal> {
  if (qty > available)
    return refused({
      code: 'INSUFFICIENT_STOCK',
      message: `Only ${available} left`,
      field: 'qty',
      details: { sku, available },
    });
  return ok({ reserved: qty });
}

describe('typed outcomes', () => {
  it('a caller reads either the value or the refusal, and the types say which is which', () => {
    const good = reserve('tee', 1, 3);
    expect(good).toEqual({ ok: true, value: { reserved: 1 } });
    const short = reserve('tee', 5, 3);
    if (short.ok) throw new Error('expected a refusal');
    expectTypeOf(short.error.code).toEqualTypeOf<'INSUFFICIENT_STOCK'>();
    expect(short.error.details.available).toBe(3);
  });

  it('at the procedure edge a refusal becomes the AppError of its code, with its field and details', () => {
    expect(orThrow(reserve('tee', 2, 3))).toEqual({ reserved: 2 });
    let thrown: unknown;
    try {
      orThrow(reserve('tee', 5, 3));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const e = thrown as AppError;
    expect(e.code).toBe('INSUFFICIENT_STOCK');
    expect(e.httpStatus).toBe(409);
    expect(e.message).toBe('Only 3 left');
    expect(e.field).toBe('qty');
    expect(e.details).toEqual({ sku: 'tee', available: 3 });
  });

  it('a module-specific refusal code is mapped by the caller', () => {
    const declined: Outcome<string, { code: 'CARD_EXPIRED'; last4: string }> = refused({
      code: 'CARD_EXPIRED',
      last4: '4242',
    });
    expect(() =>
      orThrow(declined, (r) => new AppError('PAYMENT_DECLINED', `The card ending ${r.last4} has expired`)),
    ).toThrow(/ending 4242/);
    const paid: Outcome<string, { code: 'CARD_EXPIRED' }> = ok('pay_1');
    expect(orThrow(paid, () => new AppError('INTERNAL', 'unreachable'))).toBe('pay_1');
  });
});
