// The far end's media: a werift peer per call that answers the SDK's offer and echoes every received
// RTP stream (audio, and video when offered) back on its own sender, through a DegradedForwarder so the
// media faults can drop and delay the echo of running calls. Non-trickle: the answer carries every
// candidate werift gathered, because the SDK inlines all of its own in the offer and sends none later.
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver, type RtpPacket } from 'werift';
import { startIceOnFirstCheck } from './first-check.ts';
import { DegradedForwarder, type MediaDegradation } from './media-degradation.ts';

export interface EchoPeer {
  /** The answer SDP, with all local candidates inline. */
  readonly answerSdp: string;
  /** Closes the peer connection; the browser's peer then goes disconnected/failed. */
  close(): Promise<void>;
}

/** What happened to the RTP packets the echo peers received, since the emulator started. */
export interface EchoPacketCounts {
  readonly received: number;
  /** Dropped by `mediaLossPercent`. */
  readonly dropped: number;
  /** Sent back (after `mediaDelayMs`, if any). */
  readonly echoed: number;
  /** Held back by `mediaDelayMs` right now. */
  readonly held: number;
  /** Held back when their peer closed, so never sent. */
  readonly discarded: number;
}

const GATHER_LIMIT_MS = 5_000;
const KEY_FRAME_REQUEST_MS = 2_000;

function codecs() {
  return {
    audio: [
      new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType: 111 }),
      new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8_000, channels: 1, payloadType: 0 }),
    ],
    video: [
      new RTCRtpCodecParameters({
        mimeType: 'video/VP8',
        clockRate: 90_000,
        payloadType: 96,
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }],
      }),
    ],
  };
}

async function gatheringComplete(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, GATHER_LIMIT_MS);
    const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') done();
    });
    function done() {
      clearTimeout(timer);
      unSubscribe();
      resolve();
    }
  });
}

/** The echo peers of one emulator: creates them and knows how many are open. */
export class EchoMedia {
  readonly #degradation: () => MediaDegradation;
  readonly #open = new Set<RTCPeerConnection>();
  readonly #forwarders = new Set<DegradedForwarder<RtpPacket>>();
  readonly #counts = { received: 0, dropped: 0, echoed: 0, discarded: 0 };

  /** `degradation` is read for every echoed packet, so a change reaches calls already running. */
  constructor(degradation: () => MediaDegradation) {
    this.#degradation = degradation;
  }

  /** werift peer connections created and not yet closed (being set up, or carrying a call). */
  get openPeers(): number {
    return this.#open.size;
  }

  get packets(): EchoPacketCounts {
    let held = 0;
    for (const forwarder of this.#forwarders) held += forwarder.held;
    return { ...this.#counts, held };
  }

  /** Answers `offerSdp` with a werift peer that echoes what it receives; `onFailed` hears if its connection fails. */
  async answer(offerSdp: string, onFailed?: () => void): Promise<EchoPeer> {
    const pc = new RTCPeerConnection({
      codecs: codecs(),
      iceServers: [],
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
    });
    this.#open.add(pc);
    // werift's own debug knob holds its receiver reports back this long (read before each one): with mediaDelayMs
    // the browser's round-trip time (remote-inbound-rtp roundTripTime) grows by the delay, as it would on a slow path.
    Object.defineProperty(pc.config.debug, 'receiverReportDelay', { get: () => this.#degradation().delayMs, enumerable: true });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed') onFailed?.();
    });
    const stops = new Set<() => void>();
    pc.onTransceiverAdded.subscribe((transceiver) => stops.add(this.#echo(transceiver)));
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        for (const stop of stops) stop();
        stops.clear();
        await pc.close().catch(() => undefined);
        this.#open.delete(pc);
      })();
      return closing;
    };
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      startIceOnFirstCheck(pc, offerSdp);
      await pc.setLocalDescription(await pc.createAnswer());
      await gatheringComplete(pc);
      const answerSdp = pc.localDescription?.sdp;
      if (!answerSdp) throw new Error('werift produced no answer');
      return { answerSdp, close };
    } catch (error) {
      await close();
      throw error;
    }
  }

  /** Sends what `transceiver` receives back on its own sender; returns what stops it. */
  #echo(transceiver: RTCRtpTransceiver): () => void {
    // Transceivers created from the remote offer default to recvonly; the echo sends too.
    transceiver.setDirection('sendrecv');
    const stops: (() => void)[] = [];
    transceiver.onTrack.subscribe((track) => {
      // The sender gets a track of our own, fed through the forwarder, rather than the received one.
      const outgoing = new MediaStreamTrack({ kind: track.kind });
      const counts = this.#counts;
      const forwarder = new DegradedForwarder<RtpPacket>((rtp) => {
        counts.echoed++;
        outgoing.writeRtp(rtp);
      }, this.#degradation);
      this.#forwarders.add(forwarder);
      const { unSubscribe } = track.onReceiveRtp.subscribe((rtp) => {
        counts.received++;
        if (!forwarder.push(rtp)) counts.dropped++;
      });
      stops.push(() => {
        unSubscribe();
        counts.discarded += forwarder.close();
        this.#forwarders.delete(forwarder);
        outgoing.stop();
      });
      void transceiver.sender.replaceTrack(outgoing).catch(() => undefined);
      if (track.kind === 'video') {
        // A forwarded video stream needs key frames now and then for the browser's decoder to start.
        const timer = setInterval(() => {
          if (track.ssrc !== undefined) void transceiver.receiver.sendRtcpPLI(track.ssrc).catch(() => undefined);
        }, KEY_FRAME_REQUEST_MS);
        stops.push(() => clearInterval(timer));
      }
    });
    return () => {
      for (const stop of stops.splice(0)) stop();
    };
  }
}
