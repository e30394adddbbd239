import { readFileSync } from 'node:fs';
import { defineConfig, type UserConfig } from 'vite';
import { minifyLitTemplates } from './scripts/minify-lit-templates.ts';

// `npm run build` runs Vite three times, one mode each, side by side in dist/:
//   (default)  dist/         the npm package: ES modules, one per source file, lit, React, Vue and @signalwire/js
//                            left as dependencies; the dynamic imports stay, so an app's bundler splits as we do.
//   cdn        dist/cdn/     c2c-call-button.js, one minified ES module with lit bundled: what a page loads. The
//                            call machinery, in-call view and SDK are hashed chunks beside it, imported on intent.
//   classic    dist/cdn/     c2c-call-button.classic.js, a classic script that imports the module build.
// `npm run demo` serves the demo with this file too (no mode: the development server).

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { name: string; version: string };

const external = [/^lit($|\/)/, /^@lit\//, /^@signalwire\//, /^react($|\/)/, /^react-dom($|\/)/, /^vue($|\/)/];

const builds: Record<string, UserConfig['build']> = {
  npm: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    minify: false, // the app's bundler minifies; the templates are already compact
    lib: { entry: { index: 'src/index.ts', 'wrappers/react': 'src/wrappers/react.ts', 'wrappers/vue': 'src/wrappers/vue.ts' }, formats: ['es'] },
    rolldownOptions: {
      external,
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      // One module per file keeps the React wrapper's 'use client' at the top of dist/wrappers/react.js (a test of
      // what ships checks it); the bundler's warning that it might not be kept does not apply.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id?.endsWith('/src/wrappers/react.ts')) return;
        handler(level, log);
      },
    },
  },
  cdn: {
    outDir: 'dist/cdn',
    target: 'es2022',
    sourcemap: true,
    lib: { entry: { 'c2c-call-button': 'src/cdn.ts' }, formats: ['es'] },
    rolldownOptions: {
      // The lazy chunks import what they share with the page-load module from it, not from extra chunks.
      preserveEntrySignatures: 'allow-extension',
      // A page runs these files as they are: the comments kept for bundlers (`@vite-ignore`, `@__PURE__`) are dead bytes.
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', minify: true, comments: false },
    },
  },
  classic: {
    outDir: 'dist/cdn',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: { entry: 'src/classic.ts', name: 'c2cCallButtonLoader', formats: ['iife'], fileName: () => 'c2c-call-button.classic.js' },
    rolldownOptions: { output: { minify: true } },
  },
};

export default defineConfig(({ command, mode }) => {
  const build = builds[mode === 'production' ? 'npm' : mode];
  if (command === 'build' && !build) throw new Error(`vite build --mode ${mode}: no such build (npm, cdn, classic)`);
  return {
    define: {
      'process.env.NODE_ENV': JSON.stringify(command === 'build' ? 'production' : (process.env.NODE_ENV ?? 'development')),
      __PACKAGE_NAME__: JSON.stringify(pkg.name),
      __PACKAGE_VERSION__: JSON.stringify(pkg.version),
    },
    plugins: command === 'build' ? [minifyLitTemplates()] : [],
    server: {
      host: '127.0.0.1',
      port: Number(process.env.DEMO_PORT ?? 5173),
    },
    build,
  };
});
