/**
 * One `Event` subclass per event of the contract, all `bubbles` and `composed` so they cross shadow roots,
 * with their fields on the event itself (and mirrored in a frozen `detail` for frameworks that read only that).
 * Here, the events a page sees before any call is under way; a call's own events are in `call-events.ts`.
 */
import type { C2cState } from './call/call-state.js';
import type { C2cError, C2cErrorCode } from './errors.js';

/** The base of every event class: bubbles, composed, its fields on the event and in a frozen `detail`. */
export abstract class C2cEvent<Detail extends object> extends Event {
  readonly detail: Readonly<Detail>;
  protected constructor(type: string, detail: Detail, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = Object.freeze(detail);
    Object.assign(this, detail);
  }
}

export interface C2cStateChangeDetail {
  state: C2cState;
  previous: C2cState;
}

/** The state changed; the `state` attribute already shows the new one. */
export class C2cStateChangeEvent extends C2cEvent<C2cStateChangeDetail> {
  static readonly type = 'c2c-state-change';
  declare readonly state: C2cState;
  declare readonly previous: C2cState;
  constructor(state: C2cState, previous: C2cState) {
    super(C2cStateChangeEvent.type, { state, previous });
  }
}

export interface C2cBeforeCallDetail {
  destination: string;
  video: boolean;
}

/** Cancelable: `preventDefault()` stops the call before anything is sent. */
export class C2cBeforeCallEvent extends C2cEvent<C2cBeforeCallDetail> {
  static readonly type = 'c2c-before-call';
  declare readonly destination: string;
  declare readonly video: boolean;
  constructor(destination: string, video: boolean) {
    super(C2cBeforeCallEvent.type, { destination, video }, true);
  }
}

export interface C2cErrorDetail {
  code: C2cErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
}

/** The attempt failed; `message` is for developers, visitors read `strings.errors[code]`. */
export class C2cErrorEvent extends C2cEvent<C2cErrorDetail> {
  static readonly type = 'c2c-error';
  declare readonly code: C2cErrorCode;
  declare readonly message: string;
  declare readonly retryable: boolean;
  declare readonly status?: number;
  constructor(error: C2cError) {
    super(C2cErrorEvent.type, error.toJSON());
  }
}

declare global {
  interface HTMLElementEventMap {
    'c2c-state-change': C2cStateChangeEvent;
    'c2c-before-call': C2cBeforeCallEvent;
    'c2c-error': C2cErrorEvent;
  }
}
