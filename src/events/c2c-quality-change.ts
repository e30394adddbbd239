import type { C2cQualityLevel } from '../call/call-quality.js';
import { C2cEvent } from './c2c-event.js';

export type { C2cQualityLevel };

export interface C2cQualityChangeDetail {
  level: C2cQualityLevel;
  /** Audio packets lost over the last interval, 0–1. */
  packetLoss: number;
  jitterMs: number;
  rttMs: number;
}

/** The call's quality moved to another level (`good`, `fair`, `poor`), with the figures that decided it. */
export class C2cQualityChangeEvent extends C2cEvent<C2cQualityChangeDetail> {
  static readonly type = 'c2c-quality-change';
  declare readonly level: C2cQualityLevel;
  declare readonly packetLoss: number;
  declare readonly jitterMs: number;
  declare readonly rttMs: number;
  constructor(detail: C2cQualityChangeDetail) {
    super(C2cQualityChangeEvent.type, { ...detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'c2c-quality-change': C2cQualityChangeEvent;
  }
}
