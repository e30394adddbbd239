/**
 * The states of one call button, and which moves between them are legal.
 * A const object of strings rather than an enum, as Lit's TaskStatus: the values are what the reflected
 * `state` attribute shows, so `c2c-call-button[state=active]` works as a style hook.
 */
import type { C2cError } from './errors.js';

export const C2cState = {
  idle: 'idle',
  authorizing: 'authorizing',
  connecting: 'connecting',
  ringing: 'ringing',
  active: 'active',
  reconnecting: 'reconnecting',
  ending: 'ending',
  ended: 'ended',
  error: 'error',
} as const;

export type C2cState = (typeof C2cState)[keyof typeof C2cState];

const S = C2cState;

/**
 * Every legal move. A call may be given up from any state before it ends (`ending`), and may fail from
 * any state of a call under way (`error`). `ended` and `error` accept a new call, and go back to `idle`
 * when the page changes the button's configuration. A far end may answer without ringing first, so
 * `connecting → active` is legal too.
 */
const TRANSITIONS: Readonly<Record<C2cState, readonly C2cState[]>> = {
  idle: ['authorizing'],
  authorizing: ['connecting', 'ending', 'error'],
  connecting: ['ringing', 'active', 'ending', 'error'],
  ringing: ['active', 'ending', 'error'],
  active: ['reconnecting', 'ending', 'error'],
  reconnecting: ['active', 'ending', 'error'],
  ending: ['ended', 'error'],
  ended: ['authorizing', 'idle'],
  error: ['authorizing', 'idle'],
};

export function canTransition(from: C2cState, to: C2cState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Returns `to`, or throws: an illegal move is a programming error, never a user-facing one. */
export function transition(from: C2cState, to: C2cState): C2cState {
  if (!canTransition(from, to)) {
    throw new Error(`c2c-call-button: illegal state transition ${from} → ${to}`);
  }
  return to;
}

/** Told of every move: the new state, the one before, and the error that came with a move to `error`. */
export type StateListener = (state: C2cState, previous: C2cState, error?: C2cError) => void;

/**
 * The state of one call attempt: the one place it changes, always through the transition table. The element's
 * controller makes one per attempt and shows the one of the current attempt; the call session moves it. An attempt
 * given up for a newer one may still move its own, unseen.
 */
export class CallStates {
  constructor(
    private current: C2cState,
    private readonly listener: StateListener,
  ) {}

  get state(): C2cState {
    return this.current;
  }

  moveTo(next: C2cState, error?: C2cError): void {
    const previous = this.current;
    this.current = transition(previous, next);
    this.listener(next, previous, error);
  }
}

/** The states of a call attempt under way. */
export type C2cInProgressState = Exclude<C2cState, 'idle' | 'ended' | 'error'>;

/** States in which a call attempt is under way (a click should not start another). */
export function isInProgress(state: C2cState): state is C2cInProgressState {
  return state !== S.idle && state !== S.ended && state !== S.error;
}

/** States in which the call is connected to the far end. */
export function isConnected(state: C2cState): boolean {
  return state === S.active || state === S.reconnecting;
}

export function isC2cState(value: unknown): value is C2cState {
  return typeof value === 'string' && Object.hasOwn(TRANSITIONS, value);
}
