/**
 * The shape of every user-visible string. Pages override any of them through the element's `strings` property;
 * there is one per state and per error code, so nothing a visitor reads is built from a code.
 *
 * Two parts, by when they are needed: the page-load views (the button, the call being set up) and what a call
 * brings (in-call controls, devices, quality, help, and the error messages). English ships with the page for the
 * first part and with the in-call view for the second; other languages load as one table, when the page is in them.
 */
import type { C2cErrorCode } from '../shared/errors.js';

/** Strings of the views that ship with the page. */
export interface C2cPageStrings {
  /** The button's text when no `label` is set. */
  call: string;
  callAgain: string;
  /** The red button while a call is being set up: it stops the call. */
  cancel: string;
  hangup: string;
  retry: string;
  /** Status line of each state. */
  authorizing: string;
  connecting: string;
  ringing: string;
  active: string;
  reconnecting: string;
  ending: string;
  ended: string;
  /** Why calls cannot be made here, shown before any click: the page is not https. */
  unsupportedInsecure: string;
  /** Why calls cannot be made here: the browser has no WebRTC or microphone API. */
  unsupportedBrowser: string;
  /** The call's own code could not be downloaded (offline): the one error the page can show by itself. */
  offline: string;
}

/**
 * Strings of the views a call brings, loaded on intent, and the error messages: errors come from the call's own
 * code, which arrives with them. `{…}` placeholders are replaced.
 */
export interface C2cCallStrings {
  /** One message per error code. */
  errors: Record<C2cErrorCode, string>;
  /** The mute button's label in both states (it has `aria-pressed`): the action, "Mute", not a state. */
  mute: string;
  /** The mute button's tooltip while muted. */
  unmute: string;
  /** Label of the in-call keypad and of the button that opens it. */
  keypad: string;
  /** Label of the digits sent so far. */
  dialed: string;
  /** Spoken names of the keypad's `*` and `#` keys, as a phone menu says them (US English: "Pound"; UK: "Hash"). */
  keyStar: string;
  keyHash: string;
  /** Accessible label of the call timer; `{time}` is the spoken duration. */
  duration: string;
  /** The device menu, and the kinds of device in it. */
  devices: string;
  microphone: string;
  speaker: string;
  camera: string;
  /** The device the system chooses. */
  defaultDevice: string;
  /** Status after the visitor chose a device: `{device}`. */
  deviceChanged: string;
  /** Status after the device in use went away: `{device}`, `{fallback}`. */
  deviceLost: string;
  /** Status after the device in use went away and no other could take over: `{device}`. */
  deviceGone: string;
  cameraOn: string;
  cameraOff: string;
  /** Label of the visitor's own video. */
  selfView: string;
  /** Label of the far end's video, the area the SDK draws it in. */
  remoteVideo: string;
  /** The input-level meter on the mute button. */
  micLevel: string;
  /** Shown when the visitor speaks while muted. */
  mutedHint: string;
  /** The call-quality indicator's text alternative, per level. */
  qualityGood: string;
  qualityFair: string;
  qualityPoor: string;
  /** How to allow the microphone again, per browser, after `mic-denied`. */
  micBlockedChrome: string;
  micBlockedEdge: string;
  micBlockedFirefox: string;
  micBlockedSafari: string;
  micBlockedOther: string;
  /** What to do after `no-device`. */
  noDeviceHelp: string;
}

export interface C2cStrings extends C2cPageStrings, C2cCallStrings {}

/** What a page may override: any string, and any error message on its own. */
export type C2cStringOverrides = Partial<Omit<C2cStrings, 'errors'>> & { errors?: Partial<C2cStrings['errors']> };

/** The strings the page-load views have: English or the page's language, overrides on top; call strings once loaded. */
export type C2cLoadedStrings = C2cPageStrings & Partial<C2cCallStrings>;

/** Layers of strings, later ones winning; `errors` is merged code by code. */
export function mergeStrings(base: C2cPageStrings, ...layers: (C2cStringOverrides | undefined)[]): C2cLoadedStrings {
  let merged: C2cLoadedStrings = base;
  for (const layer of layers) {
    if (layer) merged = { ...merged, ...layer, errors: { ...merged.errors, ...layer.errors } as C2cCallStrings['errors'] };
  }
  return merged;
}
