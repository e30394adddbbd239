/**
 * Connecting over the real `@signalwire/js`: the only file that imports it. It is itself reached only through
 * `import()` (see `signalwire-loader.ts`), so the adapter and the SDK form one chunk that loads when a visitor
 * shows intent, never with the page.
 */
// First: it remembers the page's storage before the SDK below is evaluated.
import { restoreSdkLogLevel } from './sdk-log-level-guard.js';
import { SignalWire } from '@signalwire/js';
import type { SdkCall, SdkCallEvent, SdkClient, SdkConnectOptions, SdkDeviceKind, SdkDialOptions } from '../shared/call-sdk.js';
import { C2cError } from '../shared/errors.js';
import { acquireLocalMedia, acquireTrack, releaseTrack, type MediaKind, type PreferredDevices } from './local-media.js';
import { connectError, startError } from './sdk-errors.js';
import {
  PEER_LISTENERS_KEPT, SPEAKER_WATCH_KEPT, adapterStores, checkSpeakerWatch, guardPeers, sessionCatcher, type CallPeers, type SessionCatcher,
} from './sdk-internals.js';
import { SEAM, seamGap } from './sdk-seam.js';
import { sdkStorageKeys } from './sdk-storage.js';

restoreSdkLogLevel();

type SignalWireClient = Awaited<ReturnType<typeof SignalWire>>;
type FabricCall = Awaited<ReturnType<SignalWireClient['dial']>>;

/**
 * `SignalWire()` returns one client per page (even one still connecting) until that client is
 * disconnected: a new call must wait until the previous client is gone, or it would be handed the old
 * one, which the previous call's clean-up then closes under it. This settles when the last client
 * asked for is disconnected, or when its `SignalWire()` failed (the SDK then forgets it too). A session
 * gives its client back (`disconnect()`) only after hanging up, which is after it frees the page lock,
 * so waiting for the `disconnect()` call alone is not enough.
 */
let previousClientGone: Promise<void> = Promise.resolve();
/** The last client connected: when it has placed no call (a button prepared it on hover), a call may close it. */
let lastClient: SignalWireClientAdapter | undefined;

const DISCONNECT_WAIT_MS = 3_000;

/** `work`, or undefined after `ms`; the timer does not outlive the wait. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    })]);
  } finally {
    clearTimeout(timer);
  }
}

const ignore = (): void => undefined;
/**
 * The SDK's own logger logs the token in places (in development builds, a token it cannot decode), and
 * `logLevel: 'silent'` alone is not enough: the SDK applies it with loglevel's `setLevel`, which writes
 * `loglevel:signalwire` to localStorage and silences the SDK for every later page load. A logger of our
 * own has no `setLevel`, so nothing is persisted, and every line after the SDK's first is dropped.
 */
const SILENT_LOGGER = { fatal: ignore, error: ignore, warn: ignore, info: ignore, debug: ignore, trace: ignore };

/**
 * What the adapter uses of the SDK's call object beyond its typed API (read from its source, 3.30.0; the names are
 * `SEAM`'s): `options.localStream` (`RTCPeer` sends it instead of calling getUserMedia itself), `peer.instance` (the
 * peer connection), `updateStream` (replaces the sent track of each kind, stopping the old one), `_audioEl` (the far
 * end's audio element, made while the call is built), and `leaveReason`, `cause` and `causeCode` (why it ended).
 */
type CallInternals = Record<string, unknown> & { localStream?: MediaStream; updateSpeaker(options: { deviceId: string }): Promise<unknown> };
type AudioOut = HTMLAudioElement & { sinkId?: string; setSinkId?(id: string): Promise<void> };

class SignalWireCall implements SdkCall {
  private readonly listeners = new Set<(event: SdkCallEvent) => void>();
  private joined = false;
  private answeredId?: string;
  private over = false;
  /** What we acquired for the call (the SDK sends it, and replaces tracks in it on a device switch). */
  private media?: MediaStream;
  private muted = false;
  /** The peers the SDK builds for the call, kept past its end until the call is released (see `guardPeers`). */
  private readonly peers: CallPeers;
  /** The camera the visitor chose, used when the camera is turned back on. */
  private cameraId?: string;

  private peer?: RTCPeerConnection;
  private readonly onPeerState = () => this.peerStateChanged();
  private watchingSpeakers = false;
  private readonly onDeviceChange = () => void this.speakerCheck();
  private readonly emit = (event: SdkCallEvent) => this.listeners.forEach((listener) => listener(event));

  constructor(
    private readonly call: FabricCall,
    private readonly video: boolean,
    private readonly devices: PreferredDevices,
  ) {
    const emit = this.emit;
    this.cameraId = devices.camera;
    // The speaker is watched by the adapter, for this call only (the SDK's watch is skipped: see `adoptSpeakerWatch`).
    checkSpeakerWatch();
    if (this.audioOut) this.watchSpeakers();
    else seamGap('audioElement', `speaker not watched; ${SPEAKER_WATCH_KEPT}`);
    this.peers = guardPeers(call);
    const on = (event: string, listener: (payload: { label: string }) => void) => call.on(event as never, listener);
    // The SDK tells of a sent track that ended (its device unplugged); the call moves to the default device.
    on(SEAM.microphoneGone, ({ label }) => void this.deviceGone('audio', label));
    on(SEAM.cameraGone, ({ label }) => void this.deviceGone('video', label));
    on(SEAM.trying, () => emit({ type: 'ringing' }));
    on(SEAM.early, () => emit({ type: 'ringing' }));
    on(SEAM.mediaReconnecting, () => emit({ type: 'media-lost' }));
    on(SEAM.mediaDisconnected, () => {
      if (!this.over) emit({ type: 'media-lost' });
    });
    on(SEAM.mediaConnected, () => {
      this.peers.mediaConnected();
      emit({ type: 'media-restored' });
    });
    call.on('destroy', () => {
      if (this.over || !this.joined) return;
      this.release();
      // The far end's hang-up is a verto.bye, whose cause the SDK keeps. A call destroyed without one was lost: the
      // SDK gave up restoring media (leaveReason RECONNECTION_ATTEMPT_TIMEOUT), or its ICE restart over relay
      // failed (the peer never connected within its limit).
      const byFarEnd = this.internals[SEAM.cause] !== undefined && this.internals[SEAM.leaveReason] !== SEAM.reconnectTimeout;
      emit({ type: 'ended', cause: byFarEnd ? 'remote' : 'connection-lost' });
    });
  }

  /**
   * The call's id as the relay knows it (the invite's `callID`). The SDK reads it from the peer connection, which is
   * gone once the call ends, so it is kept from the answer on: `c2c-call-end` carries the id `c2c-call-start` had.
   */
  get id(): string {
    return this.answeredId ?? (this.call.callId || this.call.id);
  }

  private get internals(): CallInternals {
    return this.call as unknown as CallInternals;
  }

  /** The SDK's peer connection for the call, once it has one. */
  private get peerConnection(): RTCPeerConnection | undefined {
    return (this.internals[SEAM.peer] as Record<string, RTCPeerConnection | undefined> | undefined)?.[SEAM.peerConnection];
  }

  private get audioOut(): AudioOut | undefined {
    return this.internals[SEAM.audioElement] as AudioOut | undefined;
  }

  get localStream(): MediaStream | undefined {
    return this.internals.localStream ?? this.media;
  }

  async start(): Promise<void> {
    // A far end that hangs up while early media plays (no answer) destroys the call without rejecting
    // start(): that bye is turned into the rejection the SDK gives for a busy line, {code, message}.
    // Without a bye (cause unset: a local failure such as a refused microphone) start() rejects by itself.
    let endedEarly: (() => void) | undefined;
    const destroyed = new Promise<never>((_resolve, reject) => {
      endedEarly = () => {
        const causeCode = this.internals[SEAM.causeCode];
        if (causeCode !== undefined) reject({ code: causeCode, message: this.internals[SEAM.cause] ?? 'The far end ended the call.' });
      };
      this.call.on('destroy', endedEarly);
    });
    try {
      // The microphone (and camera) first, by us: a refusal is a coded error here, and the SDK, which would leave
      // an unhandled rejection on the page, never asks for it. It sends the stream it is given.
      this.media = await acquireLocalMedia(this.video, this.devices);
      (this.internals.options as Record<string, unknown>)[SEAM.localStreamOption] = this.media;
      await Promise.race([this.call.start(), destroyed]);
      if (this.internals.localStream !== this.media) seamGap('localStreamOption', 'the SDK opens the microphone itself');
      this.joined = true;
      this.answeredId = this.id;
      this.watchPeer();
    } catch (error) {
      this.release();
      throw startError(error);
    } finally {
      this.call.off('destroy', endedEarly);
    }
  }

  /**
   * The peer connection tells of a broken media path seconds before the SDK does (it waits for
   * `failed`): `disconnected` is shown as reconnecting at once, and `connected` again as restored.
   */
  private watchPeer(): void {
    const peer = this.peerConnection;
    if (!peer || typeof peer.addEventListener !== 'function') {
      // Without `instance` the SDK's listeners on it are not noted either (`guardPeers`); without `peer` they are.
      if (this.internals[SEAM.peer]) seamGap('peerConnection', `no call quality or camera off; ${PEER_LISTENERS_KEPT}`);
      else seamGap('peer', 'no call quality or camera off');
      return;
    }
    this.peer = peer;
    peer.addEventListener('connectionstatechange', this.onPeerState);
  }

  private unwatchPeer(): void {
    this.peer?.removeEventListener('connectionstatechange', this.onPeerState);
    this.peer = undefined;
  }

  private watchSpeakers(): void {
    if (this.watchingSpeakers || this.over || !navigator.mediaDevices) return;
    this.watchingSpeakers = true;
    navigator.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
  }

  /**
   * Stops watching the speaker and empties the far end's audio element: a media element still playing a stream is
   * kept alive by the browser even when nothing refers to it, and the SDK leaves it so.
   */
  private releaseSpeaker(): void {
    const audio = this.audioOut;
    if (audio) {
      audio.pause();
      audio.srcObject = null;
    }
    if (!this.watchingSpeakers) return;
    this.watchingSpeakers = false;
    navigator.mediaDevices.removeEventListener('devicechange', this.onDeviceChange);
  }

  /** The speaker in use went away: the far end is heard on the default one, as the SDK itself would do. */
  private async speakerCheck(): Promise<void> {
    const audio = this.audioOut;
    const sinkId = audio?.sinkId;
    if (!audio?.setSinkId || !sinkId || sinkId === 'default') return;
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (!devices.some((device) => device.kind === 'audiooutput' && device.deviceId === sinkId)) {
      await audio.setSinkId('').catch(() => undefined);
    }
  }

  private peerStateChanged(): void {
    if (this.over || !this.peer) return;
    const state = this.peer.connectionState;
    if (state === 'disconnected' || state === 'failed') this.emit({ type: 'media-lost' });
    else if (state === 'connected') this.emit({ type: 'media-restored' });
  }

  subscribe(listener: (event: SdkCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async hangup(): Promise<void> {
    this.over = true;
    this.unwatchPeer();
    this.releaseSpeaker();
    try {
      await this.call.hangup();
    } finally {
      this.stopLocalTracks();
    }
  }

  async sendDigits(digits: string): Promise<void> {
    await this.call.sendDigits(digits);
  }

  /**
   * Mutes on both sides: the sent track is disabled at once (nothing of the microphone leaves the browser) and the
   * relay mutes the member, so the far end knows. The level meter reads a clone of the track, so it still hears.
   */
  async setMuted(muted: boolean): Promise<void> {
    this.muted = muted;
    this.audioTracks().forEach((track) => (track.enabled = !muted));
    // The SDK resolves with undefined when the relay never answered (and recycles the socket): not a success.
    const result: unknown = muted ? await this.call.audioMute() : await this.call.audioUnmute();
    if (result === undefined) {
      this.muted = !muted;
      this.audioTracks().forEach((track) => (track.enabled = muted));
      throw new C2cError('network', `The relay did not confirm the ${muted ? 'mute' : 'unmute'}.`);
    }
  }

  async useDevice(kind: SdkDeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') {
      await this.internals.updateSpeaker({ deviceId });
      return;
    }
    if (kind === 'videoinput') {
      this.cameraId = deviceId;
      if (!this.localStream?.getVideoTracks().some((track) => track.readyState === 'live')) return; // camera off: used when on
    }
    await this.send(await acquireTrack(kind === 'audioinput' ? 'audio' : 'video', deviceId));
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    if (!this.video) return;
    if (enabled) {
      await this.send(await acquireTrack('video', this.cameraId));
      return;
    }
    // Off means off: the track is stopped (the camera's light goes out) and nothing is sent in its place.
    const sender = this.peerConnection?.getSenders().find((s) => s.track?.kind === 'video');
    await sender?.replaceTrack(null);
    for (const track of this.localStream?.getVideoTracks() ?? []) {
      track.stop();
      this.localStream?.removeTrack(track);
    }
    this.emit({ type: 'local-media' });
  }

  async getStats(): Promise<RTCStatsReport | undefined> {
    return this.peerConnection?.getStats();
  }

  /** Sends `track` in place of the one of its kind (the SDK stops the old one); a muted call stays muted. */
  private async send(track: MediaStreamTrack): Promise<void> {
    if (this.over) {
      releaseTrack(track);
      return;
    }
    if (track.kind === 'audio') track.enabled = !this.muted;
    const updateStream = this.internals[SEAM.updateStream];
    if (typeof updateStream !== 'function') {
      releaseTrack(track);
      seamGap('updateStream', 'no device switch');
      throw new C2cError('unknown', 'This @signalwire/js cannot switch devices.');
    }
    await (updateStream as (stream: MediaStream) => Promise<void>).call(this.call, new MediaStream([track]));
    this.emit({ type: 'local-media' });
  }

  /** The device of a sent track went away: the default device of that kind takes over, and the visitor is told. */
  private async deviceGone(kind: MediaKind, label: string): Promise<void> {
    if (this.over || !this.joined) return;
    const deviceKind = kind === 'audio' ? 'audioinput' : 'videoinput';
    try {
      const track = await acquireTrack(kind);
      await this.send(track);
      this.emit({ type: 'device-lost', kind: deviceKind, lost: label, now: track.label });
    } catch {
      this.emit({ type: 'device-lost', kind: deviceKind, lost: label, now: '' }); // no other device to move to
    }
  }

  private audioTracks(): MediaStreamTrack[] {
    return this.localStream?.getAudioTracks() ?? [];
  }


  /**
   * Stops watching the call and frees its devices, its audio element and its peer connection: when the call ends by
   * itself, fails to start, or its client is closed. The SDK closes the peer when its hang-up goes through, not when
   * the relay could not be reached to hear it (a call lost while reconnecting).
   */
  release(): void {
    this.over = true;
    this.unwatchPeer();
    this.releaseSpeaker();
    const peer = this.peerConnection;
    if (peer && peer.connectionState !== 'closed') peer.close();
    this.stopLocalTracks();
  }

  /**
   * Whatever the SDK did, the microphone (and camera) must be off once the call is over, and neither they nor the
   * SDK's timers, nor its listeners on the peer connection, may hold the call (see `releaseTrack` and `guardPeers`).
   */
  stopLocalTracks(): void {
    const tracks = [...(this.media?.getTracks() ?? [])];
    try {
      tracks.push(...(this.call.localStream?.getTracks() ?? []));
    } catch {
      // the peer is already gone
    }
    tracks.forEach(releaseTrack);
    this.peers.release();
  }
}

class SignalWireClientAdapter implements SdkClient {
  private readonly calls: SignalWireCall[] = [];
  private disconnecting?: Promise<void>;
  private gone!: () => void;
  /** Settles once this client is disconnected. */
  readonly closed = new Promise<void>((resolve) => {
    this.gone = resolve;
  });

  constructor(
    private readonly client: SignalWireClient,
    private readonly token: string,
    private readonly session: SessionCatcher,
  ) {}

  get open(): boolean {
    return this.disconnecting === undefined;
  }

  /** Connected, and no call placed on it: a connection prepared ahead of a click that has not come. */
  get idle(): boolean {
    return this.open && this.calls.length === 0;
  }

  async dial({ destination, video, videoContainer, devices, userVariables }: SdkDialOptions): Promise<SdkCall> {
    try {
      const call = await this.client.dial({
        to: destination,
        audio: true,
        video,
        negotiateVideo: video,
        // The element owns the local media: mute and camera off are applied by the adapter, the self view is the
        // element's, and the SDK only shows the far end's video.
        stopMicrophoneWhileMuted: false,
        stopCameraWhileMuted: false,
        applyLocalVideoOverlay: false,
        applyMemberOverlay: false,
        ...(videoContainer ? { rootElement: videoContainer } : {}),
        // The SDK puts them in the invite's dialogParams (and in each later verto message of the call), as given.
        ...(userVariables ? { userVariables } : {}),
      });
      const adapted = new SignalWireCall(call, video, devices ?? {});
      this.calls.push(adapted);
      return adapted;
    } catch (error) {
      throw startError(error);
    }
  }

  disconnect(): Promise<void> {
    if (lastClient === this) lastClient = undefined; // nothing to give way any more, nor to keep in memory
    this.disconnecting ??= this.closeEverything().finally(() => this.gone());
    return this.disconnecting;
  }

  private async closeEverything(): Promise<void> {
    this.calls.forEach((call) => call.release());
    const disconnected = this.client.disconnect().then(() => true, () => true);
    // Without its socket (lost, reconnecting) the SDK cannot finish: the session is ended at once. With it, the
    // SDK closes it once its last requests are answered, or it is ended after a while.
    if (!this.session.connected) this.session.end();
    if (!(await within(disconnected, DISCONNECT_WAIT_MS))) {
      this.session.end();
      await within(disconnected, DISCONNECT_WAIT_MS);
    }
    for (const key of sdkStorageKeys(this.token)) {
      try {
        sessionStorage.removeItem(key);
      } catch {
        // storage blocked (sandboxed iframe): nothing was written either
      }
    }
  }
}

/** Opens an authorized relay connection; one client at a time, as the SDK allows. */
export async function connect({ token, host, signal }: SdkConnectOptions): Promise<SdkClient> {
  // A connection another button prepared, with no call on it, gives way to this one.
  if (lastClient?.idle) void lastClient.disconnect();
  // Callers wait one at a time: each takes its turn after the client before it is gone.
  let previous: Promise<void>;
  do {
    previous = previousClientGone;
    await previous;
    signal.throwIfAborted();
  } while (previous !== previousClientGone);
  const session = sessionCatcher();
  const options = { token, logger: SILENT_LOGGER, logLevel: 'silent', [SEAM.sagaMonitor]: session.sagaMonitor, ...(host ? { host } : {}) };
  const connecting = SignalWire(options as Parameters<typeof SignalWire>[0])
    .then((client) => {
      session.check();
      const wsClient = (client as unknown as Record<string, Record<string, unknown> | undefined>)[SEAM.wsClient];
      const store = wsClient?.[SEAM.store];
      if (store && typeof store === 'object') adapterStores.add(store);
      else seamGap(wsClient ? 'store' : 'wsClient', SPEAKER_WATCH_KEPT);
      return (lastClient = new SignalWireClientAdapter(client, token, session));
    }, (error: unknown) => {
      session.end(); // refused: the SDK forgets this client but would keep its socket open
      throw error;
    });
  // If this connect is given up (timeout, hang-up), the caller disconnects the late client; until
  // then the SDK would hand the same pending client to anyone else.
  previousClientGone = connecting.then((adapter) => adapter.closed, () => undefined);
  try {
    return await connecting;
  } catch (error) {
    throw connectError(error);
  }
}
