// The browser's side of the media in Node tests: a werift peer that offers one audio track, sends numbered
// RTP packets on it, and records when each one's echo comes back from the emulator's far end. It also takes
// the round-trip time from the far end's receiver reports the way a browser does (RFC 3550 §6.4.1: arrival −
// the time our sender report left − the report's DLSR), which is what `getStats()` calls roundTripTime.
import {
  MediaStreamTrack, RTCPeerConnection, RtcpRrPacket, RtcpSrPacket, RtpHeader, RtpPacket, compactNtp, type RTCRtpTransceiver,
  type RtcpPacket,
} from 'werift';

const OPUS_PAYLOAD_TYPE = 111;
/** 20 ms of 48 kHz audio per packet, as Opus sends it. */
const SAMPLES_PER_PACKET = 960;

export class RtpCaller {
  /** When each packet was sent, by its number (`performance.now()`). */
  readonly sentAt = new Map<number, number>();
  /** When each packet's echo arrived, by its number. */
  readonly echoedAt = new Map<number, number>();
  /** Round trips (ms) measured from the far end's receiver reports, in the order they arrived. */
  readonly reportRoundTrips: number[] = [];
  readonly #pc: RTCPeerConnection;
  readonly #track: MediaStreamTrack;
  readonly #ssrc = Math.floor(Math.random() * 2 ** 31);
  /** When each of our sender reports left, by its compact NTP timestamp (what a report's LSR names). */
  readonly #senderReports = new Map<number, number>();
  #next = 0;
  #waiters: { done: () => boolean; resolve: () => void }[] = [];

  private constructor(pc: RTCPeerConnection, track: MediaStreamTrack) {
    this.#pc = pc;
    this.#track = track;
  }

  /** A peer with its offer ready (candidates inline, like the SDK's). */
  static async create(): Promise<RtpCaller> {
    const pc = new RTCPeerConnection({ iceServers: [], iceAdditionalHostAddresses: ['127.0.0.1'], iceUseIpv6: false });
    const track = new MediaStreamTrack({ kind: 'audio' });
    const caller = new RtpCaller(pc, track);
    const transceiver = pc.addTransceiver(track, { direction: 'sendrecv' });
    transceiver.onTrack.subscribe((remote) => remote.onReceiveRtp.subscribe((rtp) => caller.#received(rtp)));
    transceiver.sender.onRtcp.subscribe((packet) => caller.#report(packet, transceiver));
    await pc.setLocalDescription(await pc.createOffer());
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => pc.iceGatheringStateChange.subscribe((state) => state === 'complete' && resolve()));
    }
    return caller;
  }

  get offerSdp(): string {
    return this.#pc.localDescription!.sdp;
  }

  /** Applies the far end's answer and resolves once the connection (ICE + DTLS) is up. */
  async accept(answerSdp: string): Promise<void> {
    const connected = new Promise<void>((resolve, reject) => {
      const { unSubscribe } = this.#pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') resolve();
        if (state === 'failed' || state === 'closed') reject(new Error(`peer connection ${state}`));
        if (state === 'connected' || state === 'failed' || state === 'closed') unSubscribe();
      });
    });
    await this.#pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
    await connected;
    // Note when each sender report leaves, so a receiver report naming it (LSR) gives the round trip.
    for (const transport of this.#pc.dtlsTransports) {
      const send = transport.sendRtcp.bind(transport);
      transport.sendRtcp = (packets: RtcpPacket[]) => {
        for (const packet of packets) {
          if (packet instanceof RtcpSrPacket) this.#senderReports.set(compactNtp(packet.senderInfo.ntpTimestamp), performance.now());
        }
        return send(packets);
      };
    }
  }

  /** Sends a packet every `intervalMs` until the returned function is called (sender reports need a live stream). */
  stream(intervalMs = 20): () => void {
    const timer = setInterval(() => this.send(), intervalMs);
    return () => clearInterval(timer);
  }

  /** Resolves with the round trip of the next receiver report that arrives. */
  async nextReportRoundTrip(timeoutMs = 10_000): Promise<number> {
    const count = this.reportRoundTrips.length;
    await this.#until(() => this.reportRoundTrips.length > count, timeoutMs);
    if (this.reportRoundTrips.length === count) throw new Error(`no receiver report within ${timeoutMs} ms`);
    return this.reportRoundTrips[count]!;
  }

  /** Sends one packet; returns its number. */
  send(): number {
    const id = this.#next++;
    const payload = Buffer.alloc(40);
    payload.writeUInt32BE(id, 0);
    const header = new RtpHeader({
      payloadType: OPUS_PAYLOAD_TYPE, sequenceNumber: id & 0xffff, timestamp: (id * SAMPLES_PER_PACKET) >>> 0, ssrc: this.#ssrc,
    });
    this.sentAt.set(id, performance.now());
    this.#track.writeRtp(new RtpPacket(header, payload));
    return id;
  }

  /** Sends `count` packets `intervalMs` apart; returns their numbers. */
  async sendBurst(count: number, intervalMs: number): Promise<number[]> {
    const ids: number[] = [];
    for (let index = 0; index < count; index++) {
      ids.push(this.send());
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    return ids;
  }

  /** Sends a packet every `intervalMs` until one of them is echoed; returns that one's number. */
  async sendUntilEchoed(intervalMs = 20, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const sent: number[] = [];
    for (;;) {
      sent.push(this.send());
      await this.#until(() => sent.some((id) => this.echoedAt.has(id)), intervalMs);
      const echoed = sent.find((id) => this.echoedAt.has(id));
      if (echoed !== undefined) return echoed;
      if (Date.now() > deadline) throw new Error(`no echo within ${timeoutMs} ms`);
    }
  }

  /** Resolves once every packet of `ids` has been echoed. */
  async echoesOf(ids: readonly number[], timeoutMs = 10_000): Promise<void> {
    const done = () => ids.every((id) => this.echoedAt.has(id));
    await this.#until(done, timeoutMs);
    if (!done()) throw new Error(`${ids.filter((id) => !this.echoedAt.has(id)).length} of ${ids.length} packets not echoed within ${timeoutMs} ms`);
  }

  /** How many of `ids` have been echoed so far. */
  echoedCount(ids: readonly number[]): number {
    return ids.filter((id) => this.echoedAt.has(id)).length;
  }

  /** Round trips (ms) of those of `ids` that were echoed, ascending. */
  roundTrips(ids: readonly number[]): number[] {
    return ids.filter((id) => this.echoedAt.has(id)).map((id) => this.echoedAt.get(id)! - this.sentAt.get(id)!).sort((a, b) => a - b);
  }

  close(): Promise<void> {
    return this.#pc.close();
  }

  #received(rtp: RtpPacket): void {
    if (rtp.payload.length < 4) return;
    const id = rtp.payload.readUInt32BE(0);
    if (!this.sentAt.has(id) || this.echoedAt.has(id)) return;
    this.echoedAt.set(id, performance.now());
    this.#wake();
  }

  #report(packet: RtcpPacket, transceiver: RTCRtpTransceiver): void {
    if (!(packet instanceof RtcpRrPacket) && !(packet instanceof RtcpSrPacket)) return;
    const arrival = performance.now();
    for (const report of packet.reports) {
      const sentAt = this.#senderReports.get(report.lsr);
      if (report.ssrc !== transceiver.sender.ssrc || sentAt === undefined || report.dlsr === 0) continue;
      this.reportRoundTrips.push(arrival - sentAt - (report.dlsr / 65_536) * 1000);
      this.#wake();
    }
  }

  #wake(): void {
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.done()) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Resolves when `done()` holds (checked on every echo) or after `timeoutMs`, whichever comes first. */
  #until(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { done, resolve: () => { clearTimeout(timer); resolve(); } };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((candidate) => candidate !== waiter);
        resolve();
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }
}
