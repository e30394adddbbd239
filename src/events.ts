/**
 * One `Event` subclass per event of the contract, all `bubbles` and `composed` so they cross shadow roots,
 * with their fields on the event itself (and mirrored in `detail` for frameworks that read only that).
 */
import type { C2cState } from './call/call-state.js';
import type { C2cError, C2cErrorCode } from './errors.js';

export type C2cCallEndReason = 'local' | 'remote' | 'error';

const INIT = { bubbles: true, composed: true } as const;

abstract class C2cEvent<Detail> extends Event {
  readonly detail: Detail;
  protected constructor(type: string, detail: Detail, cancelable = false) {
    super(type, { ...INIT, cancelable });
    this.detail = Object.freeze(detail);
  }
}

export interface C2cStateChangeDetail {
  state: C2cState;
  previous: C2cState;
}

export class C2cStateChangeEvent extends C2cEvent<C2cStateChangeDetail> {
  static readonly type = 'c2c-state-change';
  readonly state: C2cState;
  readonly previous: C2cState;
  constructor(state: C2cState, previous: C2cState) {
    super(C2cStateChangeEvent.type, { state, previous });
    this.state = state;
    this.previous = previous;
  }
}

export interface C2cBeforeCallDetail {
  destination: string;
  video: boolean;
}

/** Cancelable: `preventDefault()` stops the call before anything is sent. */
export class C2cBeforeCallEvent extends C2cEvent<C2cBeforeCallDetail> {
  static readonly type = 'c2c-before-call';
  readonly destination: string;
  readonly video: boolean;
  constructor(destination: string, video: boolean) {
    super(C2cBeforeCallEvent.type, { destination, video }, true);
    this.destination = destination;
    this.video = video;
  }
}

export interface C2cCallStartDetail {
  callId: string;
}

export class C2cCallStartEvent extends C2cEvent<C2cCallStartDetail> {
  static readonly type = 'c2c-call-start';
  readonly callId: string;
  constructor(callId: string) {
    super(C2cCallStartEvent.type, { callId });
    this.callId = callId;
  }
}

export interface C2cCallEndDetail {
  callId: string;
  reason: C2cCallEndReason;
  durationMs: number;
}

export class C2cCallEndEvent extends C2cEvent<C2cCallEndDetail> {
  static readonly type = 'c2c-call-end';
  readonly callId: string;
  readonly reason: C2cCallEndReason;
  readonly durationMs: number;
  constructor({ callId, reason, durationMs }: C2cCallEndDetail) {
    super(C2cCallEndEvent.type, { callId, reason, durationMs });
    this.callId = callId;
    this.reason = reason;
    this.durationMs = durationMs;
  }
}

export interface C2cErrorDetail {
  code: C2cErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
}

export class C2cErrorEvent extends C2cEvent<C2cErrorDetail> {
  static readonly type = 'c2c-error';
  readonly code: C2cErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly status?: number;
  constructor(error: C2cError) {
    super(C2cErrorEvent.type, error.toJSON());
    this.code = error.code;
    this.message = error.message;
    this.retryable = error.retryable;
    if (error.status !== undefined) this.status = error.status;
  }
}

declare global {
  interface HTMLElementEventMap {
    'c2c-state-change': C2cStateChangeEvent;
    'c2c-before-call': C2cBeforeCallEvent;
    'c2c-call-start': C2cCallStartEvent;
    'c2c-call-end': C2cCallEndEvent;
    'c2c-error': C2cErrorEvent;
  }
}
