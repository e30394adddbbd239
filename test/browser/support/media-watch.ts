// Watches what a page's calls create, for the end-to-end tests: every peer connection (to read its stats), every
// getUserMedia stream (to check each track is stopped when a call is over) and every relay frame (to see what the
// far end was told). Test instrumentation only.

/** A relay frame, as far as the tests read one. */
export interface RelayFrame {
  id?: string;
  method?: string;
  params?: { message?: { method?: string; params?: { dialogParams?: { callID?: string } } } };
  result?: { result?: { result?: { message?: string; callID?: string } } };
}

export const peers: RTCPeerConnection[] = [];
export const streams: MediaStream[] = [];
/** Every relay frame the page sent or received, parsed. */
export const frames: { direction: 'sent' | 'received'; frame: RelayFrame }[] = [];
const NativePeerConnection = window.RTCPeerConnection;
const NativeWebSocket = window.WebSocket;
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
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data === 'string') frames.push({ direction: 'received', frame: JSON.parse(event.data) as RelayFrame });
      });
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') frames.push({ direction: 'sent', frame: JSON.parse(data) as RelayFrame });
      super.send(data);
    }
  } as typeof WebSocket;
}

export function unwatchMedia(): void {
  window.RTCPeerConnection = NativePeerConnection;
  window.WebSocket = NativeWebSocket;
  navigator.mediaDevices.getUserMedia = nativeGetUserMedia;
  peers.splice(0);
  streams.splice(0);
  frames.splice(0);
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
