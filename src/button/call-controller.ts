/**
 * The element's call state, and its one door to the call machinery. Ships with the page, so it holds only
 * what the click needs at once: the cancelable `c2c-before-call`, the move to `authorizing`, and the import of
 * the engine (`call-engine.ts`: token exchange, call session), which carries the call on from there.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { C2cError, abortError, isAbortError } from '../shared/errors.js';
import { lazyChunk } from './lazy-chunk.js';
import { C2cBeforeCallEvent } from '../events/c2c-before-call.js';
import { C2cErrorEvent } from '../events/c2c-error.js';
import { C2cStateChangeEvent } from '../events/c2c-state-change.js';
import type { C2cQualityLevel, QualitySample } from '../call/call-quality.js';
import type { CallConfig, CallDeps, CallEngine, CallHost, CallReport, DeviceLoss } from '../call/call-engine.js';
import type { UserVariablesInput } from '../call/user-variables.js';
import type { CallSdk, SdkDeviceKind } from '../shared/call-sdk.js';
import { CallStates, C2cState, isConnected, isInProgress } from '../shared/call-state.js';
import type { C2cCallOptions } from '../shared/user-variables.js';

export type { CallConfig };

export interface CallControllerOptions {
  /** The calling SDK; `undefined` when the page wired none (see `defineC2cCallButton`). */
  sdk: () => CallSdk | undefined;
  config: () => CallConfig;
  /**
   * What a call is given besides its configuration (time limits, devices, quality thresholds, where remote video
   * goes), read when the engine takes the call over.
   */
  callDeps?: () => Pick<CallDeps, 'timeouts' | 'videoContainer' | 'devices' | 'qualityThresholds'>;
  /** What each call sends for the far end to read, unless `call()` is given its own. */
  userVariables?: () => C2cCallOptions['userVariables'];
  /**
   * Loads what the element shows of a call (in-call view, error messages); a call starts once it is there. Rejects
   * with a `network` `C2cError` when it cannot be loaded.
   */
  loadViews?: () => Promise<void>;
}

type Host = ReactiveControllerHost & HTMLElement;

/** The engine's chunk, once for every button; after a failed load, the next intent loads it anew. */
const loadEngineModule = lazyChunk<typeof import('../call/call-engine.js')>(() => import('../call/call-engine.js'));

export class CallController implements ReactiveController, CallHost, CallReport {
  error: C2cError | null = null;
  muted = false;
  /** `performance.now()` when the current call was answered. */
  answeredAt: number | undefined;
  /** The current call's quality, once measured. */
  quality: { level: C2cQualityLevel; sample: QualitySample } | undefined;
  /** The last device that went away during the current call, and the one that took over. */
  deviceLost: DeviceLoss | undefined;
  /** What the current call sends (microphone, and camera in a video call), while it is connected. */
  localStream: MediaStream | undefined;

  /** The current attempt's state: one per attempt, moved by it (and by the click before the engine takes over). */
  #states = this.#attemptStates(C2cState.idle);

  #engineLoading?: Promise<CallEngine>;
  #loadedEngine?: CallEngine;
  #attempt?: Promise<void>;
  /** Whether the engine has the current attempt; before that, a hang-up only ends the wait for it. */
  #handedOver = false;
  /** Moves on with every call, and with a hang-up before the hand-over: a late engine then starts nothing. */
  #generation = 0;
  /** The last call's options, which a retry repeats. */
  #lastOptions: C2cCallOptions = {};
  /**
   * The tab closing (or the page going into the back-forward cache) hangs up: the SDK sends no bye on unload, and
   * without one the far end would keep the line until its relay notices the socket is gone. Listened to only while a
   * call is under way, so an idle button leaves nothing on window (adding it again, or removing it twice, is a no-op).
   */
  readonly #onPageHide = () => void this.hangup();

  readonly #host: Host;
  readonly #options: CallControllerOptions;

  constructor(host: Host, options: CallControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get state(): C2cState {
    return this.#states.state;
  }

  get target(): EventTarget {
    return this.#host;
  }

  hostDisconnected(): void {
    // Moving the element (disconnect then connect in one task) keeps the call; leaving the page ends it.
    queueMicrotask(() => {
      if (this.#host.isConnected) return;
      this.#loadedEngine?.clear();
      void this.hangup();
    });
  }

  /** Starts a call, or returns the one under way (a double click places one call, with the first one's options). */
  call(options: C2cCallOptions = {}): Promise<void> {
    if (this.#attempt && isInProgress(this.state)) return this.#attempt;
    const config = this.#options.config();
    if (config.disabled) return Promise.resolve();
    this.#lastOptions = options;

    // The variables this call sends: a copy, which the listeners may change. Only copied here (JSON text parsed, so
    // they see the attribute's); what the page gave is checked on intent, before anything is sent, so a copy of
    // something that is not an object (an array's indexes) is never sent.
    const given = options.userVariables ?? this.#options.userVariables?.();
    let value: unknown = given;
    if (typeof value == 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        value = 0; // not JSON: refused when the call starts
      }
    }
    const before = new C2cBeforeCallEvent(config.destination?.trim() ?? '', config.video, { ...(value as object) });
    this.#host.dispatchEvent(before);
    if (before.defaultPrevented) return Promise.resolve();
    // What the listeners left when they returned, and nothing changed later (the property, or the object after an await).
    const userVariables: UserVariablesInput = [given, { ...before.detail.userVariables }];

    const generation = ++this.#generation;
    this.#handedOver = false;
    this.error = null;
    this.muted = false;
    this.answeredAt = this.quality = this.deviceLost = this.localStream = undefined;
    const states = (this.#states = this.#attemptStates(this.state));
    states.moveTo(C2cState.authorizing); // first: the click's feedback waits for nothing, not even starting a download
    const sdk = this.#options.sdk();
    if (sdk?.isSupported()) sdk.load().catch(() => undefined); // the SDK downloads while the engine arrives

    this.#attempt = Promise.all([this.#loadEngine(), this.#options.loadViews?.()]).then(
      ([engine]) => {
        if (generation !== this.#generation) throw abortError(); // hung up while the engine loaded
        this.#handedOver = true;
        return engine.start(config, { ...this.#options.callDeps?.(), sdk, states, userVariables });
      },
      (error: C2cError) => {
        if (generation !== this.#generation) throw abortError();
        throw this.#fail(error);
      },
    );
    return this.#attempt;
  }

  hangup(): Promise<void> {
    if (this.#handedOver) return this.#loadedEngine!.hangup();
    if (this.state !== C2cState.authorizing) return Promise.resolve();
    // Asked for, but the engine has not taken over: nothing was sent, so only the wait ends.
    this.#generation++;
    this.#states.moveTo(C2cState.ending);
    this.#states.moveTo(C2cState.ended);
    return Promise.resolve();
  }

  /** After a call (ended or failed), back to a fresh `idle`: the page changed what the button calls. */
  reset(): void {
    if (this.state !== C2cState.ended && this.state !== C2cState.error) return;
    this.error = null;
    this.#attempt = undefined;
    this.#handedOver = false;
    this.#loadedEngine?.forget();
    this.#states.moveTo(C2cState.idle);
  }

  /** The last call again, with its options. */
  retry(): Promise<void> {
    if (this.state !== C2cState.error && this.state !== C2cState.ended) return Promise.resolve();
    return this.call(this.#lastOptions);
  }

  /** Loads the engine and the SDK, exchanges the token and opens the relay connection, ahead of the click. */
  async prepare(): Promise<void> {
    const config = this.#options.config();
    const sdk = this.#options.sdk();
    if (config.disabled || isInProgress(this.state) || !sdk?.isSupported()) return;
    await Promise.all([sdk.load(), this.#loadEngine().then((engine) => engine.prepare(config, sdk))]);
  }

  sendDigits(digits: string): Promise<void> {
    return this.#loadedEngine?.sendDigits(digits)
      ?? Promise.reject(new DOMException('Cannot send digits: there is no call in progress.', 'InvalidStateError'));
  }

  toggleMute(): Promise<void> {
    return this.#loadedEngine?.toggleMute() ?? Promise.resolve();
  }

  /**
   * A new attempt's state, starting where the last one left off. Only the current attempt's moves are shown: an
   * attempt given up for a newer one may still move its own.
   */
  #attemptStates(from: C2cState): CallStates {
    const states: CallStates = new CallStates(from, (state, previous, error) => {
      if (states === this.#states) this.#stateChanged(state, previous, error);
    });
    return states;
  }

  /** Reflects the new state, renders it and tells the page. */
  #stateChanged(state: C2cState, previous: C2cState, error?: C2cError): void {
    if (error) this.error = error;
    if (!isConnected(state)) this.localStream = undefined;
    window[isInProgress(state) ? 'addEventListener' : 'removeEventListener']('pagehide', this.#onPageHide);
    // Reflected at once, so listeners and style hooks never see a stale attribute.
    this.#host.setAttribute('state', state);
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new C2cStateChangeEvent(state, previous));
  }

  /**
   * What the engine reports of the current call (when it was answered, mute, media, a lost device, quality): kept for
   * the views, and shown.
   */
  report(change: Partial<CallReport>): void {
    Object.assign(this, change);
    this.#host.requestUpdate();
  }

  /** Moves the call to another microphone, speaker or camera. */
  useDevice(kind: SdkDeviceKind, deviceId: string): Promise<void> {
    return this.#loadedEngine?.useDevice(kind, deviceId) ?? Promise.resolve();
  }

  /** Turns the camera of a video call off (its light goes out) or back on. */
  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.#loadedEngine?.setCameraEnabled(enabled) ?? Promise.resolve();
  }

  #loadEngine(): Promise<CallEngine> {
    this.#engineLoading ??= loadEngineModule().then(
      (module) => (this.#loadedEngine = new module.CallEngine(this)),
      (error: C2cError) => {
        this.#engineLoading = undefined; // a later intent tries again
        throw error;
      },
    );
    return this.#engineLoading;
  }

  /** A failure before the engine took over: shown and dispatched like a session's own. */
  #fail(error: C2cError): C2cError {
    this.#states.moveTo(C2cState.error, error);
    this.#host.dispatchEvent(new C2cErrorEvent(error));
    return error;
  }
}

/** For click handlers: failures are already shown and dispatched as `c2c-error`; a cancel is not a failure. */
export function ignoreHandled(promise: Promise<unknown>): void {
  promise.catch((error: unknown) => {
    if (isAbortError(error) || error instanceof C2cError) return;
    queueMicrotask(() => {
      throw error;
    });
  });
}
