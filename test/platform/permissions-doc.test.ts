import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS_DOC, permissionsDoc } from '../../scripts/permissions-doc';

describe('the permission matrix in the docs', () => {
  it('matches what the modules grant (run `npm run docs:permissions` after changing a grant)', () => {
    const file = fs.readFileSync(path.resolve(import.meta.dirname, '../..', PERMISSIONS_DOC), 'utf8');
    expect(file).toBe(permissionsDoc());
  });
});
