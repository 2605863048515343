import { initTRPC, TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { generateOpenApiDocument, type OpenApiMeta } from 'trpc-to-openapi';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { add } from './arithmetic';
import { fromMajor, type Money, money } from './money';
import { INT64_MAX, INT64_MIN, moneyArb } from './test-arbitraries';
import { toWire, ZCurrencyCode, ZMoney, ZMoneyOut } from './wire';

/** What an API caller reads: each issue as "field: message", as the tRPC error formatter joins them. */
function problems(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

describe('money on the wire', () => {
  it('reads { amount: "1234", currency: "USD" } as $12.34', () => {
    expect(ZMoney.parse({ amount: '1234', currency: 'USD' })).toEqual(fromMajor('12.34', 'USD'));
    expect(ZMoney.parse({ amount: '-5', currency: 'JPY' })).toEqual(money(-5n, 'JPY'));
  });

  it('writes $12.34 as { amount: "1234", currency: "USD" }, plain JSON', () => {
    const wire = ZMoneyOut.parse(toWire(fromMajor('12.34', 'USD')));
    expect(wire).toEqual({ amount: '1234', currency: 'USD' });
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
  });

  it('a price sent as a number is refused with a message that names the field and says what to send', () => {
    expect(problems(ZMoney, { amount: 12.5, currency: 'USD' })).toEqual([
      'amount: Send the amount as a string of whole minor units, such as "1250" for 12.50 USD, not a number',
    ]);
    expect(problems(ZMoney, { amount: 1250, currency: 'USD' })[0]).toMatch(
      /^amount: Send the amount as a string/,
    );
  });

  it('"12.5", "1e3" and " 12" are refused, each with the reason in plain words', () => {
    expect(problems(ZMoney, { amount: '12.5', currency: 'USD' })).toEqual([
      'amount: Enter a whole number of minor units (cents), without a decimal point: 12.50 USD is "1250"',
    ]);
    expect(problems(ZMoney, { amount: '1e3', currency: 'USD' })).toEqual([
      'amount: Enter the number in plain digits, without exponent notation ("1000", not "1e3")',
    ]);
    expect(problems(ZMoney, { amount: ' 12', currency: 'USD' })).toEqual([
      'amount: Enter digits only, without spaces',
    ]);
    expect(problems(ZMoney, { amount: '', currency: 'USD' })[0]).toMatch(/^amount: Enter a whole number/);
    expect(problems(ZMoney, { amount: '+12', currency: 'USD' })[0]).toMatch(/^amount: Enter a whole number/);
    expect(problems(ZMoney, { amount: '0012', currency: 'USD' })).toEqual([
      'amount: Write it as "12", without leading zeros or a minus on zero',
    ]);
  });

  it('an unknown currency is refused; lower-case "usd" is refused with the right spelling', () => {
    expect(problems(ZMoney, { amount: '100', currency: 'ABC' })).toEqual([
      'currency: "ABC" is not a currency we know: use a three-letter ISO 4217 code such as "USD"',
    ]);
    expect(problems(ZMoney, { amount: '100', currency: 'usd' })).toEqual([
      'currency: Write the currency code in capitals: "USD"',
    ]);
    expect(problems(ZCurrencyCode, 840)).toEqual([
      'Send the currency as a three-letter code such as "USD", not a number',
    ]);
  });

  it('missing fields, extra fields and a bare string are refused by name', () => {
    expect(problems(ZMoney, {})).toEqual([
      'amount: Enter a string of whole minor units, such as "1250" for 12.50 USD',
      'currency: Enter a three-letter ISO 4217 code such as "USD"',
    ]);
    expect(problems(ZMoney, { amount: '1', currency: 'USD', cents: true })).toEqual([
      'Money has only "amount" and "currency"; remove "cents"',
    ]);
    expect(problems(ZMoney, '12.34')).toEqual([
      'Send money as { "amount": "1250", "currency": "USD" }, not a string',
    ]);
  });

  it('refuses amounts a PostgreSQL bigint column cannot hold', () => {
    expect(ZMoney.parse({ amount: String(INT64_MAX), currency: 'USD' }).amount).toBe(INT64_MAX);
    expect(ZMoney.parse({ amount: String(INT64_MIN), currency: 'USD' }).amount).toBe(INT64_MIN);
    expect(problems(ZMoney, { amount: String(INT64_MAX + 1n), currency: 'USD' })).toEqual([
      'amount: Use at most 9223372036854775807 minor units',
    ]);
    expect(problems(ZMoney, { amount: String(INT64_MIN - 1n), currency: 'USD' })).toEqual([
      'amount: Use at least -9223372036854775808 minor units',
    ]);
  });

  it('property: Money → wire → JSON → Money gives the same amount, for every currency (3000 runs)', () => {
    fc.assert(
      fc.property(moneyArb(), (m) => {
        const json = JSON.stringify(ZMoneyOut.parse(toWire(m)));
        expect(ZMoney.parse(JSON.parse(json))).toEqual(m);
      }),
      { numRuns: 3000 },
    );
  });

  it('works as a tRPC procedure’s input and output: a tip of $2.50 on $10.00 answers "1250" USD', async () => {
    const t = initTRPC.create();
    const router = t.router({
      addTip: t.procedure
        .input(z.strictObject({ price: ZMoney, tip: ZMoney }))
        .output(z.object({ total: ZMoneyOut }))
        .mutation(({ input }) => {
          const total: Money = add(input.price, input.tip); // the input arrives as Money
          return { total: toWire(total) };
        }),
    });
    const caller = t.createCallerFactory(router)({});
    const answer = await caller.addTip({
      price: { amount: '1000', currency: 'USD' },
      tip: { amount: '250', currency: 'USD' },
    });
    expect(answer).toEqual({ total: { amount: '1250', currency: 'USD' } });
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);

    const refused = await caller
      .addTip({
        price: { amount: '10.00', currency: 'USD' },
        tip: { amount: '250', currency: 'USD' },
      })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    const issue = ((refused as TRPCError).cause as z.ZodError).issues[0]!;
    expect(issue.path).toEqual(['price', 'amount']);
    expect(issue.message).toMatch(/without a decimal point/);
  });

  it('is documented in the REST API (OpenAPI) as strings: amount digits, currency from the ISO list', () => {
    const t = initTRPC.meta<OpenApiMeta>().create();
    const router = t.router({
      price: t.procedure
        .meta({ openapi: { method: 'POST', path: '/price' } })
        .input(z.strictObject({ price: ZMoney }))
        .output(ZMoneyOut)
        .mutation(({ input }) => toWire(input.price)),
    });
    const doc = generateOpenApiDocument(router, { title: 't', version: '1', baseUrl: 'http://x' });
    const operation = doc.paths?.['/price']?.post as any;
    const input = operation.requestBody.content['application/json'].schema.properties.price;
    const output = operation.responses['200'].content['application/json'].schema;
    for (const schema of [input, output]) {
      expect(schema.properties.amount).toMatchObject({ type: 'string', pattern: '^(0|-?[1-9][0-9]*)$' });
      expect(schema.properties.currency.type).toBe('string');
      expect(schema.properties.currency.enum).toContain('KWD');
      expect(schema.properties.currency.enum).not.toContain('usd');
    }
  });
});
