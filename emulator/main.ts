// `npm run emulator`: runs the local space emulator and prints what it serves.
import { ADDRESSES, C2C_TOKENS, UNKNOWN_C2C_TOKEN } from './directory.ts';
import { DEFAULT_PORT, startEmulator } from './server.ts';

export function describeEmulator(origin: string): string {
  const relay = origin.replace(/^http/, 'ws');
  return [
    `Local SignalWire space emulator on ${origin}`,
    `  relay websocket            ${relay}/`,
    `  POST ${origin}/api/fabric/embeds/tokens       {"token":"c2c_…"} → guest token`,
    `  POST ${origin}/api/fabric/subscriber/invites  Bearer subscriber token, {"address_id":uuid} → invite token`,
    `  GET  ${origin}/__demo/subscriber-token        demo subscriber token (loopback only)`,
    `  GET|POST|DELETE ${origin}/__faults            fault injection (loopback only)`,
    `  GET|DELETE ${origin}/__calls                  the calls seen, for tests (loopback only)`,
    `  GET  ${origin}/__stats                        open sockets, sessions, calls, media peers (loopback only)`,
    'Click-to-Call tokens:',
    ...C2C_TOKENS.map((entry) => `  ${entry.token}  ${entry.description}`),
    `  ${UNKNOWN_C2C_TOKEN}  unknown: exchange answers 404`,
    'Addresses:',
    ...ADDRESSES.map((address) => `  ${address.name.padEnd(20)} ${address.id}  ${address.description}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const port = process.env.EMULATOR_PORT === undefined ? DEFAULT_PORT : Number(process.env.EMULATOR_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`EMULATOR_PORT must be a port number, got "${process.env.EMULATOR_PORT}"`);
    process.exit(1);
  }
  const emulator = await startEmulator({ port, host: process.env.EMULATOR_HOST ?? '127.0.0.1', quiet: process.env.EMULATOR_QUIET === '1' });
  console.log(describeEmulator(emulator.origin));
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by another process (`startEmulatorProcess`): it holds our stdin open, and when it is gone, so are we.
  if (process.env.EMULATOR_EXIT_WITH_STDIN === '1') process.stdin.on('close', stop).resume();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(`emulator failed to start: ${error.message}`);
    process.exit(1);
  });
}
