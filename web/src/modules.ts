import type { WebModule } from './lib/web-module';

/**
 * Every feature folder's web module. Adding a capability's pages is one folder with an index.tsx;
 * nothing else in the app changes. Vite resolves the glob at build time, for the browser and the server.
 */
const found = import.meta.glob<{ default: WebModule }>('./features/*/index.tsx', { eager: true });

export const webModules: readonly WebModule[] = Object.entries(found).map(([file, mod]) => {
  const folder = file.split('/')[2];
  if (mod.default?.name !== folder)
    throw new Error(`${file} must export defineWebModule({ name: '${folder}', ... }) as its default`);
  return mod.default;
});
