// The local space emulator's public surface, for Node: start it (in this process or one of its own), its demo tokens
// and addresses, and the shapes of what it reports. Pages and browser tests import `directory.ts` instead, which
// holds the tokens and addresses and nothing of Node. Everything else in this folder is internal.
export { startEmulator, DEFAULT_PORT, type EmulatorOptions, type EmulatorStats, type RunningEmulator } from './server.ts';
export { startEmulatorProcess, type EmulatorProcess } from './process.ts';
export { describeEmulator } from './main.ts';
export {
  ADDRESSES, C2C_TOKENS, DEMO_C2C_TOKEN, DISABLED_C2C_TOKEN, ECHO_ONLY_C2C_TOKEN, EXPIRED_C2C_TOKEN, UNKNOWN_C2C_TOKEN,
} from './directory.ts';
export { AUTH_ERROR } from './relay.ts';
export type { Faults } from './faults.ts';
export type { CallRecord, CallLogState, EndedBy } from './call-log.ts';
export type { RelayStats } from './relay.ts';
export type { EchoPacketCounts } from './media.ts';
