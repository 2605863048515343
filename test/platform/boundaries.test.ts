import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries, importsOf, ruleBroken } from '../../scripts/check-boundaries';

const root = path.resolve(import.meta.dirname, '../..');

describe('the module boundaries', () => {
  it('hold in this repository', () => {
    expect(checkBoundaries(root)).toEqual([]);
  });

  it('reads static, re-exported, side-effect and dynamic imports, and tells type-only ones apart', () => {
    const refs = importsOf(`
      import { a } from './a';
      import type { B } from './b';
      import { type C, type D } from './cd';
      import { type E, f } from './ef';
      export * from './star';
      export { g } from './g';
      export type { H } from './h';
      import './side-effect';
      const lazy = () => import('./lazy');
      // import { commented } from './commented';
      /* import { blocked } from './blocked'; */
      import {
        multi,
        line,
      } from './multi';
      import pkg from 'a-package';
    `);
    expect(refs.map((r) => [r.specifier, r.typeOnly])).toEqual([
      ['./a', false],
      ['./b', true],
      ['./cd', true],
      ['./ef', false],
      ['./star', false],
      ['./g', false],
      ['./h', true],
      ['./multi', false],
      ['./side-effect', false],
      ['./lazy', false],
    ]);
  });

  it.each([
    ['src/platform/http/server.ts', 'src/modules/catalog/index.ts', false, /never imports a module/],
    ['src/modules/orders/place-order.ts', 'src/modules/catalog/service.ts', false, /catalog\/index\.ts/],
    ['src/modules/orders/schema.ts', 'src/modules/catalog/schema.ts', true, /catalog\/index\.ts/],
    ['src/modules/orders/service.ts', 'src/platform/auth/authenticate.ts', false, /auth\/index\.ts/],
    ['src/modules/orders/schema.ts', 'src/platform/auth/schema.ts', false, /auth\/index\.ts/],
    ['src/platform/access/change.ts', 'src/platform/auth/sessions.ts', false, /auth\/index\.ts/],
    ['src/modules/orders/service.ts', 'src/platform/modules.ts', false, /composition root/],
    ['web/src/features/x/page.tsx', 'src/platform/auth/authenticate.ts', false, /types only/],
  ])('%s → %s is refused', (from, to, typeOnly, rule) => {
    expect(ruleBroken(from, to, typeOnly)).toMatch(rule);
  });

  it.each([
    ['src/modules/orders/place-order.ts', 'src/modules/catalog/index.ts', false],
    ['src/modules/orders/place-order.ts', 'src/modules/orders/schema.ts', false],
    ['src/modules/orders/service.ts', 'src/platform/events/index.ts', false],
    ['src/modules/orders/service.ts', 'src/platform/context.ts', false],
    ['src/platform/access/schema.ts', 'src/platform/auth/schema.ts', false],
    ['src/platform/auth/sign-in.ts', 'src/platform/auth/sessions.ts', false],
    ['src/app.ts', 'src/platform/modules.ts', false],
    ['web/src/lib/trpc.ts', 'src/router.ts', true],
    ['web/src/features/users/users-page.tsx', 'src/platform/kit/roles.ts', false],
  ])('%s → %s is allowed', (from, to, typeOnly) => {
    expect(ruleBroken(from, to, typeOnly)).toBeUndefined();
  });

  describe('on a tree with a module that reaches into another', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsn-boundaries-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('names the file, the line and the rule', () => {
      write('src/modules/catalog/index.ts', "export { product } from './product';\n");
      write('src/modules/catalog/product.ts', 'export const product = 1;\n');
      write(
        'src/modules/orders/index.ts',
        "import { product } from '../catalog';\nexport const o = product;\n",
      );
      write(
        'src/modules/orders/place.ts',
        "import { o } from './index';\n\nimport { product } from '../catalog/product';\nexport const p = [o, product];\n",
      );
      write('src/modules/orders/place.test.ts', "import { product } from '../catalog/product';\n");
      expect(checkBoundaries(dir)).toEqual([
        {
          file: 'src/modules/orders/place.ts',
          line: 3,
          specifier: '../catalog/product',
          rule: 'another module is reached only through src/modules/catalog/index.ts',
        },
      ]);
    });
  });
});
