import { C2cEvent } from './c2c-event.js';

export interface C2cCallStartDetail {
  callId: string;
}

/** The far end answered. */
export class C2cCallStartEvent extends C2cEvent<C2cCallStartDetail> {
  static readonly type = 'c2c-call-start';
  declare readonly callId: string;
  constructor(callId: string) {
    super(C2cCallStartEvent.type, { callId });
  }
}

declare global {
  interface HTMLElementEventMap {
    'c2c-call-start': C2cCallStartEvent;
  }
}
