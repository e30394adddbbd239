// The far end's media: a werift peer per call that answers the SDK's offer and echoes every received
// RTP stream (audio, and video when offered) back on its own sender. Non-trickle: the answer carries
// every candidate werift gathered, because the SDK inlines all of its own in the offer and sends none later.
import { RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';

export interface EchoPeer {
  /** The answer SDP, with all local candidates inline. */
  readonly answerSdp: string;
  /** Closes the peer connection; the browser's peer then goes disconnected/failed. */
  close(): Promise<void>;
}

const GATHER_LIMIT_MS = 5_000;

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

function echo(transceiver: RTCRtpTransceiver, timers: Set<NodeJS.Timeout>): void {
  // Transceivers created from the remote offer default to recvonly; the echo sends too.
  transceiver.setDirection('sendrecv');
  transceiver.onTrack.subscribe((track) => {
    void transceiver.sender.replaceTrack(track).catch(() => undefined);
    if (track.kind === 'video') {
      // A forwarded video stream needs key frames now and then for the browser's decoder to start.
      const timer = setInterval(() => {
        if (track.ssrc !== undefined) void transceiver.receiver.sendRtcpPLI(track.ssrc).catch(() => undefined);
      }, 2_000);
      timers.add(timer);
    }
  });
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

/** Answers `offerSdp` with a werift peer that echoes what it receives. */
export async function createEchoPeer(offerSdp: string): Promise<EchoPeer> {
  const pc = new RTCPeerConnection({
    codecs: codecs(),
    iceServers: [],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
  });
  const timers = new Set<NodeJS.Timeout>();
  pc.onTransceiverAdded.subscribe((transceiver) => echo(transceiver, timers));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    await pc.close().catch(() => undefined);
  };
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
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
