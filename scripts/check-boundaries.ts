/**
 * The import rules that keep modules apart (docs/modules.md, "What a module may import"):
 *
 * 1. `src/platform` never imports `src/modules`.
 * 2. A module reaches another module only through its `index.ts`.
 * 3. A module or a platform slice reaches a platform slice only through the slice's `index.ts`; platform
 *    slices may also read another slice's `schema.ts` (its tables), business modules may not.
 * 4. The platform's top-level files (context, errors, clock, ...) are doors of their own; the platform's
 *    module list and runtime tuning belong to the composition root.
 * 5. The web app imports server code for its types only, except the few files written to run in both.
 *
 * Import cycles are Biome's (`noImportCycles` in biome.json). Tests, benchmarks and scripts may reach in.
 * Run: `npm run check:boundaries`. Exit code 1 lists every violation with the rule it breaks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** Platform top-level files any module may import directly. */
const PLATFORM_DOORS = new Set([
  'canonical-json.ts',
  'clock.ts',
  'config.ts',
  'context.ts',
  'errors.ts',
  'ids.ts',
  'platform.ts',
]);

/** Server files that run in the browser too (no Node APIs, no database): the web app may import them. */
export const WEB_SHARED = new Set([
  'src/platform/kit/roles.ts',
  'src/platform/auth/credentials.ts',
  'src/platform/money/index.ts',
  'src/platform/media/descriptor.ts',
]);

const EXEMPT = /(\.test\.tsx?$|\.e2e\.test\.ts$|\.fixture\.ts$|^test\/|^bench\/|^scripts\/)/;

interface ImportRef {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

/** The relative imports of one source file: static, re-exports, side-effect and dynamic. */
export function importsOf(source: string): ImportRef[] {
  // Comments out (keeping line breaks, so line numbers hold): a commented-out import is not an import.
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/^\s*\/\/.*$/gm, (c) => ' '.repeat(c.length));
  const lineAt = (index: number) => code.slice(0, index).split('\n').length;
  const out: ImportRef[] = [];
  const statement = /^[ \t]*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const m of code.matchAll(statement)) {
    const [, keyword, typeKeyword, clause = '', specifier = ''] = m;
    if (keyword === 'export' && !/^(\{|\*)/.test(clause.trim()) && !typeKeyword) continue;
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    const allTypes =
      named !== null &&
      named[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    out.push({ specifier, line: lineAt(m.index!), typeOnly: Boolean(typeKeyword) || allTypes });
  }
  for (const m of code.matchAll(/^[ \t]*import\s*['"]([^'"]+)['"]/gm))
    out.push({ specifier: m[1]!, line: lineAt(m.index!), typeOnly: false });
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g))
    out.push({ specifier: m[1]!, line: lineAt(m.index!), typeOnly: false });
  return out.filter((i) => i.specifier.startsWith('.'));
}

function resolve(root: string, fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(path.join(root, fromFile)), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile())
      return path.relative(root, candidate).split(path.sep).join('/');
  }
  return undefined;
}

/** `src/platform/<slice>/...` → slice; `src/modules/<name>/...` → name. */
const sliceOf = (file: string) => /^src\/platform\/([^/]+)\//.exec(file)?.[1];
const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];

/** Which rule, if any, an import from `from` to `to` (both repository-relative) breaks. */
export function ruleBroken(from: string, to: string, typeOnly: boolean): string | undefined {
  if (from.startsWith('web/')) {
    if (!to.startsWith('src/') || typeOnly || WEB_SHARED.has(to)) return undefined;
    return 'the web app imports server code for its types only (import type), or a file listed in WEB_SHARED';
  }
  if (!from.startsWith('src/')) return undefined;
  if (from.startsWith('src/platform/') && to.startsWith('src/modules/'))
    return 'the platform never imports a module: modules are read through their manifests';

  const targetModule = moduleOf(to);
  if (targetModule && moduleOf(from) !== targetModule && to !== `src/modules/${targetModule}/index.ts`)
    return `another module is reached only through src/modules/${targetModule}/index.ts`;

  if (to.startsWith('src/platform/')) {
    const targetSlice = sliceOf(to);
    if (!targetSlice) {
      const name = to.slice('src/platform/'.length);
      if (PLATFORM_DOORS.has(name) || !from.startsWith('src/modules/')) return undefined;
      return `src/platform/${name} belongs to the composition root, not to modules`;
    }
    if (sliceOf(from) === targetSlice) return undefined;
    if (to === `src/platform/${targetSlice}/index.ts`) return undefined;
    if (from.startsWith('src/platform/') && to === `src/platform/${targetSlice}/schema.ts`) return undefined;
    return `a platform slice is reached only through src/platform/${targetSlice}/index.ts`;
  }
  return undefined;
}

function sourceFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
}

/** Every violation in the tree under `root` (the repository). */
export function checkBoundaries(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of [...sourceFiles(root, 'src'), ...sourceFiles(root, 'web/src')]) {
    if (EXEMPT.test(file)) continue;
    for (const ref of importsOf(fs.readFileSync(path.join(root, file), 'utf8'))) {
      const to = resolve(root, file, ref.specifier);
      if (!to) continue; // assets, generated files: the type checker reports what is really missing
      const rule = ruleBroken(file, to, ref.typeOnly);
      if (rule) violations.push({ file, line: ref.line, specifier: ref.specifier, rule });
    }
  }
  return violations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const violations = checkBoundaries(root);
  for (const v of violations) console.error(`${v.file}:${v.line} imports '${v.specifier}': ${v.rule}`);
  if (violations.length) {
    console.error(
      `\n${violations.length} import${violations.length === 1 ? '' : 's'} break the module boundaries.`,
    );
    process.exit(1);
  }
  console.log('Module boundaries hold.');
}
