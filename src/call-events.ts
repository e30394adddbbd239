/**
 * The events of a call under way: it was answered, its quality changed, it ended. Dispatched by the call engine, so
 * they travel with it on intent rather than with the page.
 */
import type { C2cQualityLevel } from './media/call-quality.js';
import { C2cEvent } from './events.js';

export type { C2cQualityLevel };

export type C2cCallEndReason = 'local' | 'remote' | 'error';

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
    'c2c-call-start': C2cCallStartEvent;
    'c2c-call-end': C2cCallEndEvent;
    'c2c-quality-change': C2cQualityChangeEvent;
  }
}
