/**
 * The visitor's microphone (and camera, in a video call), acquired by the element itself rather than by the SDK:
 * with the devices the page prefers, with a refusal turned into a coded error before the SDK is involved (the SDK
 * would otherwise leave an unhandled rejection on the page), and replaced mid-call when the visitor picks another
 * device or the one in use goes away. No DOM, no SDK.
 */
import type { PreferredDevices } from '../shared/call-sdk.js';
import { C2cError, describeCause, type C2cErrorCode } from '../shared/errors.js';
import { NotedListeners } from './noted-listeners.js';

export type { PreferredDevices };

export type MediaKind = 'audio' | 'video';


const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const VIDEO: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, aspectRatio: { ideal: 16 / 9 } };

/** getUserMedia's refusals, by `name`, and what they mean for a call. */
const MEDIA_ERRORS: Readonly<Record<string, C2cErrorCode>> = {
  NotAllowedError: 'mic-denied',
  SecurityError: 'mic-denied',
  PermissionDeniedError: 'mic-denied',
  NotFoundError: 'no-device',
  DevicesNotFoundError: 'no-device',
  OverconstrainedError: 'no-device',
  NotReadableError: 'no-device',
};

/** The code of a getUserMedia refusal, or undefined when the error is not one. */
export function mediaErrorCode(error: unknown): C2cErrorCode | undefined {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' && Object.hasOwn(MEDIA_ERRORS, name) ? MEDIA_ERRORS[name] : undefined;
}

/**
 * Constraints for one kind of device: that device exactly, or the system's default. (Chromium does not honour an
 * `ideal` device id when a default device is there, so a preference is tried exactly, then dropped.)
 */
export function deviceConstraints(kind: MediaKind, deviceId?: string): MediaTrackConstraints {
  const base = kind === 'audio' ? AUDIO : VIDEO;
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
}

const endedListeners = new WeakMap<MediaStreamTrack, NotedListeners>();

/**
 * @signalwire/js 3.30.0 listens for `ended` on every track it sends, with a function bound to the call's peer, and
 * takes it off only when it swaps a device. Chromium keeps what getUserMedia resolved with for several seconds after
 * the page has let go of it (held by the request's promise resolver; measured with heap snapshots: the streams of 28
 * of 30 calls placed in the last ten seconds), and through that listener each ended call stayed in memory as long:
 * its peer connection, the far end's audio element, the SDK's call object. The tracks are ours: each notes the `ended`
 * listeners added to it, and `releaseTrack` takes them off again.
 */
function noteEndedListeners(track: MediaStreamTrack): void {
  const listeners = new NotedListeners();
  listeners.note(track, ['ended']);
  endedListeners.set(track, listeners);
}

/** Stops one of our tracks, and takes off the `ended` listeners added to it (the SDK's hold its call). */
export function releaseTrack(track: MediaStreamTrack): void {
  track.stop();
  endedListeners.get(track)?.takeOff();
}

async function getUserMedia(constraints: MediaStreamConstraints, what: string): Promise<MediaStream> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    stream.getTracks().forEach(noteEndedListeners);
    return stream;
  } catch (error) {
    const code = mediaErrorCode(error) ?? 'unknown';
    throw new C2cError(code, `The ${what} could not be used: ${describeCause(error)}`, { cause: error });
  }
}

/**
 * The microphone, and the camera for a video call: the devices the page prefers, or the system's default ones when
 * those are not there (unplugged since, or ids from another site).
 */
export async function acquireLocalMedia(video: boolean, devices: PreferredDevices = {}): Promise<MediaStream> {
  const what = video ? 'microphone or camera' : 'microphone';
  const constraints = (preferred: PreferredDevices) => ({
    audio: deviceConstraints('audio', preferred.microphone),
    video: video ? deviceConstraints('video', preferred.camera) : false,
  });
  const preferring = devices.microphone !== undefined || (video && devices.camera !== undefined);
  try {
    return await getUserMedia(constraints(devices), what);
  } catch (error) {
    if (!preferring || (error as C2cError).code !== 'no-device') throw error;
    return getUserMedia(constraints({}), what);
  }
}

/** One new track: the chosen device, or the default one (no `deviceId`). */
export async function acquireTrack(kind: MediaKind, deviceId?: string): Promise<MediaStreamTrack> {
  const stream = await getUserMedia({ [kind]: deviceConstraints(kind, deviceId) }, kind === 'audio' ? 'microphone' : 'camera');
  return stream.getTracks()[0]!;
}
