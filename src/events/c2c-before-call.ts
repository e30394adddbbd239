import { C2cEvent } from './c2c-event.js';

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

declare global {
  interface HTMLElementEventMap {
    'c2c-before-call': C2cBeforeCallEvent;
  }
}
