import type { C2cState } from '../shared/call-state.js';
import { C2cEvent } from './c2c-event.js';

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

declare global {
  interface HTMLElementEventMap {
    'c2c-state-change': C2cStateChangeEvent;
  }
}
