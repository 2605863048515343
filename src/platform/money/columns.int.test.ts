import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { getTableConfig, pgTable, uuid } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyColumns, moneyValues, readMoney } from './columns';
import { fromMajor, money } from './money';
import { INT64_MAX, INT64_MIN } from './test-arbitraries';

const offers = pgTable('money_test_offers', {
  id: uuid('id').primaryKey(),
  ...moneyColumns('unitPrice'),
  ...moneyColumns('total'),
});

describe('money in the database', () => {
  let pglite: PGlite;
  let db: ReturnType<typeof drizzle>;

  beforeAll(async () => {
    pglite = await PGlite.create();
    db = drizzle(pglite);
    await pglite.exec(`create table money_test_offers (
      id uuid primary key,
      unit_price_amount bigint not null,
      unit_price_currency char(3) not null,
      total_amount bigint not null,
      total_currency char(3) not null
    )`);
  });
  afterAll(async () => {
    await pglite?.close();
  });

  it('declares <prefix>_amount bigint not null and <prefix>_currency char(3) not null', () => {
    const columns = getTableConfig(offers).columns.map((c) => [c.name, c.getSQLType(), c.notNull]);
    expect(columns).toEqual([
      ['id', 'uuid', true],
      ['unit_price_amount', 'bigint', true],
      ['unit_price_currency', 'char(3)', true],
      ['total_amount', 'bigint', true],
      ['total_currency', 'char(3)', true],
    ]);
  });

  it('stores and reads back every bigint amount exactly, the largest and smallest included', async () => {
    const cases = [
      {
        id: '00000000-0000-7000-8000-000000000001',
        price: money(INT64_MAX, 'USD'),
        total: money(INT64_MIN, 'USD'),
      },
      {
        id: '00000000-0000-7000-8000-000000000002',
        price: fromMajor('1.234', 'KWD'),
        total: fromMajor('-0.05', 'EUR'),
      },
      {
        id: '00000000-0000-7000-8000-000000000003',
        price: fromMajor('1000', 'JPY'),
        total: money(2n ** 53n + 1n, 'JPY'),
      },
    ];
    for (const c of cases)
      await db
        .insert(offers)
        .values({ id: c.id, ...moneyValues(c.price, 'unitPrice'), ...moneyValues(c.total, 'total') });
    for (const c of cases) {
      const [row] = await db.select().from(offers).where(eq(offers.id, c.id));
      expect(typeof row!.unitPriceAmount).toBe('bigint');
      expect(readMoney(row!, 'unitPrice')).toEqual(c.price);
      expect(readMoney(row!, 'total')).toEqual(c.total);
    }
  });

  it('refuses to read a row whose currency is not an ISO code (damaged data, not a price)', async () => {
    await pglite.exec(
      `insert into money_test_offers values ('00000000-0000-7000-8000-000000000009', 1, 'usd', 1, 'XYZ')`,
    );
    const [row] = await db.select().from(offers).where(eq(offers.id, '00000000-0000-7000-8000-000000000009'));
    expect(() => readMoney(row!, 'unitPrice')).toThrow(/unitPriceCurrency holds "usd"/);
    expect(() => readMoney(row!, 'total')).toThrow(/not an ISO 4217 currency code/);
  });

  it('asks for a camelCase prefix', () => {
    expect(() => moneyColumns('unit_price')).toThrow(/camelCase/);
    expect(() => moneyColumns('UnitPrice')).toThrow(/camelCase/);
  });
});
