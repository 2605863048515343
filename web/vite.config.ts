import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * One config for both builds: `vite build` writes the client to dist/web (with a manifest), and
 * `vite build --ssr src/entry-server.tsx` writes the server renderer to dist/web-ssr.
 * JSX is compiled by Vite's own transformer (automatic runtime); no React plugin is needed for builds.
 */
export default defineConfig(({ isSsrBuild }) => ({
  root,
  publicDir: 'public',
  plugins: [tailwindcss()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: isSsrBuild ? '../dist/web-ssr' : '../dist/web',
    emptyOutDir: true,
    manifest: !isSsrBuild,
    sourcemap: !isSsrBuild,
    target: 'es2022',
    copyPublicDir: !isSsrBuild,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its files "use client" for RSC bundlers; meaningless in this app.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `vite` dev server (optional): the API lives on the product's port.
    proxy: { '/trpc': 'http://localhost:3000', '/api': 'http://localhost:3000' },
  },
}));
