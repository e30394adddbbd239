// The emulator, a werift offer for invites, and the raw relay clients a test opened, for the relay tests: started
// before a file's tests and closed after them.
import { after, before } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import { RelayClient, makeOffer } from './relay-client.ts';

export interface RelayBed {
  emulator: RunningEmulator;
  offer: Awaited<ReturnType<typeof makeOffer>>;
  /** Clients a test opened; each is closed after the file. */
  clients: RelayClient[];
}

/** Registers the file's before/after hooks; the returned object is filled in before the first test. */
export function relayBed(options: { pingIntervalMs: number }): RelayBed {
  const bed = { clients: [] } as unknown as RelayBed;
  before(async () => {
    bed.emulator = await startEmulator({ port: 0, quiet: true, pingIntervalMs: options.pingIntervalMs });
    bed.offer = await makeOffer();
  });
  after(async () => {
    for (const client of bed.clients) client.close();
    await bed.offer.close();
    await bed.emulator.close();
  });
  return bed;
}
