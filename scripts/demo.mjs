// `npm run demo`: the local space emulator and the Vite dev server in one process; one Ctrl-C stops both.
// EMULATOR_PORT (default 8790) and DEMO_PORT (default 5173, or the next free one) choose the ports.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { build, createServer } from 'vite';

const { startEmulator, describeEmulator, DEFAULT_PORT } = await tsImport('../emulator/index.ts', import.meta.url);

const port = process.env.EMULATOR_PORT === undefined ? DEFAULT_PORT : Number(process.env.EMULATOR_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`EMULATOR_PORT must be a port number, got "${process.env.EMULATOR_PORT}"`);
  process.exit(1);
}

let emulator;
try {
  emulator = await startEmulator({ port });
} catch (error) {
  console.error(`The emulator could not listen on port ${port}: ${error.message}. Set EMULATOR_PORT to another port.`);
  process.exit(1);
}

// The CDN pages (demo/cdn.html, demo/classic.html) load what `npm run build` ships for CDNs, built fresh into
// .scratch/demo/cdn/ and served at /cdn/, exactly as a site would load it.
const CDN_DIR = normalize(join(process.cwd(), '.scratch/demo/cdn'));
for (const [mode, emptyOutDir] of [['cdn', true], ['classic', false]]) {
  await build({ configFile: 'vite.config.ts', mode, logLevel: 'warn', build: { outDir: CDN_DIR, emptyOutDir } });
}
const cdnFiles = {
  name: 'c2c-demo-cdn',
  configureServer(server) {
    server.middlewares.use('/cdn/', async (req, res, next) => {
      const file = normalize(join(CDN_DIR, new URL(req.url ?? '/', 'http://x').pathname));
      if (!file.startsWith(CDN_DIR) || !['.js', '.map'].includes(extname(file))) return next();
      try {
        const body = await readFile(file);
        res.setHeader('content-type', extname(file) === '.js' ? 'text/javascript' : 'application/json');
        res.end(body);
      } catch {
        next();
      }
    });
  },
};

/** Tells the page where the emulator is: GET /__demo/config → {"emulatorOrigin": "..."} */
const demoConfig = {
  name: 'c2c-demo-config',
  configureServer(server) {
    server.middlewares.use('/__demo/config', (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ emulatorOrigin: emulator.origin }));
    });
  },
};

const vite = await createServer({ configFile: 'vite.config.ts', plugins: [demoConfig, cdnFiles], server: { strictPort: false } });
await vite.listen();
const url = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`;

console.log(`\n${describeEmulator(emulator.origin)}\n`);
console.log(`Demo page: ${url}`);
console.log(`The three ways of use: ${url}demo/cdn.html (CDN module), ${url}demo/classic.html (classic script), ${url}demo/react.html (React)`);
console.log(`Against a real space: ${url}?token=c2c_…&destination=/public/…&space=<your space>`);
console.log('Ctrl-C stops both.\n');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([vite.close(), emulator.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
