import { C2cEvent } from './c2c-event.js';

export type C2cCallEndReason = 'local' | 'remote' | 'error';

export interface C2cCallEndDetail {
  callId: string;
  reason: C2cCallEndReason;
  durationMs: number;
}

/** A call that was answered is over. */
export class C2cCallEndEvent extends C2cEvent<C2cCallEndDetail> {
  static readonly type = 'c2c-call-end';
  declare readonly callId: string;
  declare readonly reason: C2cCallEndReason;
  declare readonly durationMs: number;
  constructor({ callId, reason, durationMs }: C2cCallEndDetail) {
    super(C2cCallEndEvent.type, { callId, reason, durationMs });
  }
}

declare global {
  interface HTMLElementEventMap {
    'c2c-call-end': C2cCallEndEvent;
  }
}
