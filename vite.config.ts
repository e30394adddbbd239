import { defineConfig } from 'vite';

// `npm run build` makes the npm package: ES modules with lit and @signalwire/js left as dependencies,
// the SDK in its own lazily imported chunk. `npm run demo` uses the same config for its dev server.
export default defineConfig({
  define: {
    'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production'),
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.DEMO_PORT ?? 5173),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: { index: 'src/index.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^@signalwire\//],
    },
  },
});
