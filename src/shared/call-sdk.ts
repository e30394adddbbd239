/**
 * The small interface the call session needs from a browser calling SDK. `signalwire/signalwire-sdk.ts`
 * implements it over `@signalwire/js`; tests implement it with fakes. Every method rejects with a `C2cError` (the
 * adapter maps the SDK's own error shapes), except when its `signal` aborts.
 */
import type { C2cUserVariables } from './user-variables.js';

export interface CallSdk {
  /** Whether this browser can place calls at all (WebRTC, microphone API, secure context). */
  isSupported(): boolean;
  /** Fetches the SDK code ahead of need. Idempotent; safe to call on hover. */
  load(): Promise<void>;
  /** Opens an authorized connection to the relay. */
  connect(options: SdkConnectOptions): Promise<SdkClient>;
}

export interface SdkConnectOptions {
  /** Guest, subscriber or invite token. Kept in memory only. */
  token: string;
  /** Relay websocket origin override; by default the token says where to connect. */
  host?: string;
  signal: AbortSignal;
}

export interface SdkClient {
  /** Whether the connection is still there to dial on (not disconnected, by us or to let another call connect). */
  readonly open: boolean;
  /** Prepares a call to `destination` (nothing is sent yet; `SdkCall.start()` places it). */
  dial(options: SdkDialOptions): Promise<SdkCall>;
  /** Closes the connection and frees what the SDK kept (sockets, storage). Never rejects. */
  disconnect(): Promise<void>;
}

/** Device ids a page prefers for a call; a device that is not there falls back on the system's default. */
export interface PreferredDevices {
  microphone?: string;
  speaker?: string;
  camera?: string;
}

export interface SdkDialOptions {
  destination: string;
  video: boolean;
  /** Where remote video is shown, for video calls. */
  videoContainer?: HTMLElement;
  /** The microphone and camera the page prefers; the system's default where they are not there. */
  devices?: Omit<PreferredDevices, 'speaker'>;
  /** Sent with the call for the far end to read, as they are (checked before); absent when the page gave none. */
  userVariables?: C2cUserVariables;
  signal: AbortSignal;
}

/** The kinds of device a visitor can choose during a call. */
export type SdkDeviceKind = 'audioinput' | 'audiooutput' | 'videoinput';

/** What happens to a call after it is placed. */
export type SdkCallEvent =
  /** The invite reached the far end, which is ringing (or playing early media). */
  | { type: 'ringing' }
  /** The media path failed; the SDK is trying to restore it. */
  | { type: 'media-lost' }
  /** The media path is back. */
  | { type: 'media-restored' }
  /** The call is over without a local hang-up: the far end left, or the media could not be restored. */
  | { type: 'ended'; cause: 'remote' | 'connection-lost' }
  /** What is sent changed: another device, or the camera turned off or on. */
  | { type: 'local-media' }
  /** The device in use went away; the call moved to the default one. Labels as the browser gives them. */
  | { type: 'device-lost'; kind: 'audioinput' | 'videoinput'; lost: string; now: string };

export interface SdkCall {
  readonly id: string;
  /**
   * Places the call: resolves once the far end has answered and joined, rejects if it refused, never
   * answered, or the microphone could not be had. Can be hung up while pending.
   */
  start(): Promise<void>;
  /** Subscribes to the call's events; returns the unsubscribe function. */
  subscribe(listener: (event: SdkCallEvent) => void): () => void;
  hangup(): Promise<void>;
  sendDigits(digits: string): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  /** What is being sent: the microphone, and the camera in a video call. Undefined before `start()`. */
  readonly localStream: MediaStream | undefined;
  /** Moves the call to another microphone, speaker or camera, without dropping it. */
  useDevice(kind: SdkDeviceKind, deviceId: string): Promise<void>;
  /** Stops (camera light off) or restarts the outgoing video. */
  setCameraEnabled(enabled: boolean): Promise<void>;
  /** The media connection's statistics, for the call's quality; undefined when there is none. */
  getStats(): Promise<RTCStatsReport | undefined>;
}
