// Watches what a page's calls create, for the end-to-end tests: every peer connection (to read its stats) and every
// getUserMedia stream (to check each track is stopped when a call is over). Test instrumentation only.

export const peers: RTCPeerConnection[] = [];
export const streams: MediaStream[] = [];
const NativePeerConnection = window.RTCPeerConnection;
const nativeGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);

export function watchMedia(): void {
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config);
      peers.push(this);
    }
  } as typeof RTCPeerConnection;
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await nativeGetUserMedia(constraints);
    streams.push(stream);
    return stream;
  };
}

export function unwatchMedia(): void {
  window.RTCPeerConnection = NativePeerConnection;
  navigator.mediaDevices.getUserMedia = nativeGetUserMedia;
  peers.splice(0);
  streams.splice(0);
}

export function liveTracks(): MediaStreamTrack[] {
  return streams.flatMap((stream) => stream.getTracks()).filter((track) => track.readyState === 'live');
}

/** Waits (polling every 50 ms) until `condition` holds, or fails saying what it waited for. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface RtpStats {
  type: string;
  kind?: string;
  bytesReceived?: number;
  framesReceived?: number;
  packetsSent?: number;
}

/** A sum over the inbound (or outbound) RTP streams of `kind` of every watched peer connection. */
async function rtpSum(type: 'inbound-rtp' | 'outbound-rtp', kind: 'audio' | 'video', field: keyof RtpStats): Promise<number> {
  let total = 0;
  for (const pc of peers) {
    (await pc.getStats()).forEach((report: RtpStats) => {
      if (report.type === type && report.kind === kind) total += Number(report[field] ?? 0);
    });
  }
  return total;
}

/** Bytes of audio the far end has sent back (the emulator echoes what it receives). */
export const inboundAudioBytes = (): Promise<number> => rtpSum('inbound-rtp', 'audio', 'bytesReceived');
/** Video frames the far end has sent back. */
export const inboundVideoFrames = (): Promise<number> => rtpSum('inbound-rtp', 'video', 'framesReceived');
