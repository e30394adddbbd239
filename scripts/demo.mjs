// `npm run demo`: the local space emulator and the Vite dev server in one process; one Ctrl-C stops both.
// EMULATOR_PORT (default 8790) and DEMO_PORT (default 5173, or the next free one) choose the ports.
import { tsImport } from 'tsx/esm/api';
import { createServer } from 'vite';

const { startEmulator, DEFAULT_PORT } = await tsImport('../demo/emulator/index.ts', import.meta.url);
const { describe } = await tsImport('../demo/emulator/main.ts', import.meta.url);

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

const vite = await createServer({ configFile: 'vite.config.ts', plugins: [demoConfig], server: { strictPort: false } });
await vite.listen();
const url = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`;

console.log(`\n${describe(emulator.origin)}\n`);
console.log(`Demo page: ${url}`);
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
