/**
 * The states of one call button, and which moves between them are legal.
 * A const object of strings rather than an enum, as Lit's TaskStatus: the values are what the reflected
 * `state` attribute shows, so `c2c-call-button[state=active]` works as a style hook.
 */
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
  [S.idle]: [S.authorizing],
  [S.authorizing]: [S.connecting, S.ending, S.error],
  [S.connecting]: [S.ringing, S.active, S.ending, S.error],
  [S.ringing]: [S.active, S.ending, S.error],
  [S.active]: [S.reconnecting, S.ending, S.error],
  [S.reconnecting]: [S.active, S.ending, S.error],
  [S.ending]: [S.ended, S.error],
  [S.ended]: [S.authorizing, S.idle],
  [S.error]: [S.authorizing, S.idle],
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
