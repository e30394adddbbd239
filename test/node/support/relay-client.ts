// A raw JSON-RPC websocket client for the emulator's relay, playing the SDK's part frame by frame.
import { randomUUID } from 'node:crypto';
import { RTCPeerConnection } from 'werift';
import WebSocket from 'ws';

export type Frame = Record<string, any>;

export class RelayClient {
  readonly frames: Frame[] = [];
  #waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      // Ack every event, like the SDK does.
      if (frame.method === 'signalwire.event') socket.send(JSON.stringify({ jsonrpc: '2.0', id: frame.id, result: {} }));
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.match(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
  }

  static async open(origin: string): Promise<RelayClient> {
    const socket = new WebSocket(origin.replace(/^http/, 'ws') + '/');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new RelayClient(socket);
  }

  /** The first frame (already received or still to come) that matches. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs = 5_000, from = 0): Promise<Frame> {
    const seen = this.frames.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ match, resolve: (frame) => { clearTimeout(timer); resolve(frame); } });
    });
  }

  waitForEvent(eventType: string, match: (params: Frame) => boolean = () => true, timeoutMs = 5_000): Promise<Frame> {
    return this.waitFor((frame) => frame.method === 'signalwire.event' && frame.params?.event_type === eventType && match(frame.params.params), timeoutMs);
  }

  waitForVerto(method: string, timeoutMs = 5_000): Promise<Frame> {
    return this.waitForEvent('webrtc.message', (params) => params.method === method, timeoutMs);
  }

  send(frame: Frame): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** Sends a request and resolves with its response frame. */
  request(method: string, params: Frame, id: string = randomUUID()): Promise<Frame> {
    const reply = this.waitFor((frame) => frame.id === id && frame.method === undefined, 10_000, this.frames.length);
    this.send({ jsonrpc: '2.0', id, method, params });
    return reply;
  }

  connect(token: string, extra: Frame = {}): Promise<Frame> {
    return this.request('signalwire.connect', {
      version: { major: 4, minor: 0, revision: 0 }, event_acks: true, agent: '@signalwire/js/browser/3.30.0',
      authentication: { jwt_token: token }, ...extra,
    });
  }

  /** Resolves with the close code once the socket is closed (-1 if it already was); rejects if it stays open. */
  closed(timeoutMs = 10_000): Promise<number> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
      this.socket.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

export function dialogParams(callID: string, destination: string): Frame {
  return {
    attach: false, reattaching: false, screenShare: false, additionalDevice: false, pingSupported: true, version: 1000,
    callID, destination_number: destination, remote_caller_id_name: 'Outbound Call', remote_caller_id_number: '',
    caller_id_name: '', caller_id_number: '',
  };
}

/** The SDK's `verto.invite` frame around `sdp`. */
export function inviteParams(callID: string, destination: string, sdp: string): Frame {
  return {
    message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.invite', params: { dialogParams: dialogParams(callID, destination), sdp } },
    callID,
    subscribe: ['track', 'destroy', 'call.state'],
  };
}

/** A real audio offer (werift), with its candidates inline like the SDK's. */
export async function makeOffer(): Promise<{ sdp: string; close: () => Promise<void> }> {
  const pc = new RTCPeerConnection({ iceServers: [], iceAdditionalHostAddresses: ['127.0.0.1'] });
  pc.addTransceiver('audio', { direction: 'sendrecv' });
  await pc.setLocalDescription(await pc.createOffer());
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => pc.iceGatheringStateChange.subscribe((state) => state === 'complete' && resolve()));
  }
  return { sdp: pc.localDescription!.sdp, close: () => pc.close() };
}
