/**
 * Every user-visible string, in English. Pages override any of them through the element's `strings`
 * property; one string per state and per error code, so nothing the user reads is built from a code.
 */
import type { C2cErrorCode } from '../errors.js';

export interface C2cStrings {
  /** The button's text when no `label` is set. */
  call: string;
  callAgain: string;
  hangup: string;
  mute: string;
  unmute: string;
  /** Label of the in-call keypad and of the button that opens it. */
  keypad: string;
  retry: string;
  /** Status line of each state. */
  authorizing: string;
  connecting: string;
  ringing: string;
  active: string;
  reconnecting: string;
  ending: string;
  ended: string;
  /** Accessible label of the call timer; `{time}` is replaced. */
  duration: string;
  /** One message per error code. */
  errors: Record<C2cErrorCode, string>;
}

export const defaultStrings: C2cStrings = {
  call: 'Call',
  callAgain: 'Call again',
  hangup: 'Hang up',
  mute: 'Mute',
  unmute: 'Unmute',
  keypad: 'Keypad',
  retry: 'Try again',
  authorizing: 'Preparing your call…',
  connecting: 'Connecting…',
  ringing: 'Ringing…',
  active: 'In call',
  reconnecting: 'Connection lost, reconnecting…',
  ending: 'Hanging up…',
  ended: 'Call ended',
  duration: 'Call duration {time}',
  errors: {
    'token-missing': 'This call button is not set up yet.',
    'token-invalid': 'This call link is not valid.',
    'token-forbidden': 'Calls through this button are turned off.',
    'token-not-found': 'This call link does not exist.',
    'destination-invalid': 'This call button has no valid number to call.',
    'config-invalid': 'This call button is not set up correctly.',
    'exchange-failed': 'The call service is not answering. Please try again.',
    network: 'Could not connect. Check your internet connection and try again.',
    timeout: 'Connecting took too long. Please try again.',
    'mic-denied': 'Allow microphone access to make the call.',
    'no-device': 'No microphone was found.',
    unsupported: 'Calls are not supported in this browser.',
    'call-rejected': 'The line is busy. Please try again later.',
    'no-answer': 'Nobody answered. Please try again later.',
    'connection-lost': 'The call was disconnected.',
    'call-in-progress': 'Another call is already in progress on this page.',
    'address-not-found': 'This address does not exist.',
    'invite-invalid': 'This invitation is not valid.',
    unknown: 'Something went wrong. Please try again.',
  },
};

/** What a page may override: any string, and any error message on its own. */
export type C2cStringOverrides = Partial<Omit<C2cStrings, 'errors'>> & { errors?: Partial<C2cStrings['errors']> };

/** Overrides on top of the defaults; `errors` is merged code by code. */
export function mergeStrings(overrides: C2cStringOverrides = {}): C2cStrings {
  return { ...defaultStrings, ...overrides, errors: { ...defaultStrings.errors, ...overrides.errors } };
}
