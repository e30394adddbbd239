// What the emulator has seen of each call, for tests (`GET /__calls`): who called where with which kind
// of token, what the caller sent for the far end to read, how far the call got and who ended it. No token is ever
// kept here, only its kind.
import type { TokenKind } from './tokens.ts';

export type CallLogState = 'ringing' | 'active' | 'ended';

/**
 * - `caller`: the caller's `verto.bye` reached the far end.
 * - `far-end`: the far end ended it with a `verto.bye` (busy, no answer, rejected, no route, `hangupAfterMs`).
 * - `socket-gone`: no bye either way — the caller's socket stayed gone for the orphan timeout, the call was
 *   killed by `killCallAfterMs`, or the emulator shut down.
 */
export type EndedBy = 'caller' | 'far-end' | 'socket-gone';

export interface CallRecord {
  readonly callId: string;
  readonly destination: string;
  readonly tokenKind: TokenKind;
  /**
   * The invite's `dialogParams.userVariables` as they arrived (any JSON: the relay checks nothing), what an agent
   * or a script at the far end would read. Absent when the invite had none.
   */
  readonly userVariables?: unknown;
  readonly state: CallLogState;
  readonly endedBy: EndedBy | null;
  /** The cause the call ended with, as sent in a bye (e.g. `USER_BUSY`); absent when no bye was sent. */
  readonly cause?: string;
  readonly causeCode?: number;
  /** Milliseconds since the epoch. */
  readonly startedAt: number;
  readonly answeredAt?: number;
  readonly endedAt?: number;
}

/** The handle a call keeps to report on itself. Once ended, nothing changes the record any more. */
export interface CallLogEntry {
  answered(): void;
  ended(by: EndedBy, cause?: { readonly cause: string; readonly causeCode: number }): void;
}

type MutableRecord = { -readonly [K in keyof CallRecord]: CallRecord[K] };

/** Keeps at most this many records; the oldest ended ones make room first. */
export const MAX_CALL_RECORDS = 1_000;

export class CallLog {
  #records: MutableRecord[] = [];

  /** Records a call as ringing, with the invite's user variables if it had any, and returns the handle that moves it on. */
  open(callId: string, destination: string, tokenKind: TokenKind, userVariables?: unknown): CallLogEntry {
    const record: MutableRecord = {
      callId, destination, tokenKind, ...(userVariables === undefined ? {} : { userVariables: structuredClone(userVariables) }),
      state: 'ringing', endedBy: null, startedAt: Date.now(),
    };
    this.#records.push(record);
    this.#trim();
    return {
      answered() {
        if (record.state !== 'ringing') return;
        record.state = 'active';
        record.answeredAt = Date.now();
      },
      ended(by, cause) {
        if (record.state === 'ended') return;
        record.state = 'ended';
        record.endedBy = by;
        if (cause) {
          record.cause = cause.cause;
          record.causeCode = cause.causeCode;
        }
        record.endedAt = Date.now();
      },
    };
  }

  /** Copies of the records, oldest first. */
  list(): CallRecord[] {
    return this.#records.map((record) => structuredClone(record));
  }

  /** Forgets every record. Calls still running go on, but are no longer listed (their stats still count). */
  clear(): void {
    this.#records = [];
  }

  #trim(): void {
    if (this.#records.length <= MAX_CALL_RECORDS) return;
    const endedIndex = this.#records.findIndex((record) => record.state === 'ended');
    this.#records.splice(endedIndex === -1 ? 0 : endedIndex, 1);
  }
}
