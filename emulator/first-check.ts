// Stock Firefox hides its host addresses behind random mDNS names (`<uuid>.local`), even once the visitor allowed the
// microphone, and gathers none on 127.0.0.1; the SDK strips such candidates from its offer. So the far end gets an
// offer without a single candidate. A real space reaches the browser through STUN and TURN; the emulator has neither,
// and werift 0.24.4 then gives the call's ICE up at once, with nothing to check: the browser's own first check, which
// comes some 50 ms later and would teach werift a peer-reflexive candidate to answer on, finds the call failed
// (measured with Firefox 153 ESR: the call shows active, and no media ever flows). Here, for an offer without a
// candidate, werift's ICE starts only once the browser's first check has arrived (or after WAIT_MS).
import { setTimeout as sleep } from 'node:timers/promises';
import type { RTCPeerConnection } from 'werift';

const WAIT_MS = 5_000;

/** What is read of werift's ICE connection (werift/lib/ice/src/ice.js, 0.24.4). */
interface IceConnection {
  /** Checks that came in before `connect()`, kept for it. */
  earlyChecks: unknown[];
  connect(): Promise<void>;
}

/** Call between `setRemoteDescription(offer)` and `setLocalDescription(answer)` (which starts ICE). */
export function startIceOnFirstCheck(pc: RTCPeerConnection, offerSdp: string): void {
  if (/^a=candidate:/m.test(offerSdp)) return;
  for (const transport of pc.iceTransports) {
    const connection = (transport as unknown as { connection?: IceConnection }).connection;
    if (!connection || !Array.isArray(connection.earlyChecks) || typeof connection.connect !== 'function') continue;
    const connect = connection.connect.bind(connection);
    connection.connect = async () => {
      for (let waited = 0; connection.earlyChecks.length === 0 && waited < WAIT_MS; waited += 20) await sleep(20);
      return connect();
    };
  }
}
