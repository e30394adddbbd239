// What the relay keeps per SDK client: a session (which outlives its socket, so the SDK can reconnect
// with its `protocol` and carry on) and the calls it placed, with the events queued while no socket is there.
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { CallLogEntry, EndedBy } from './call-log.ts';
import type { Address } from './directory.ts';
import type { EchoPeer } from './media.ts';
import type { TokenRecord } from './tokens.ts';

export type Json = Record<string, unknown>;

const MAX_REMEMBERED_REPLIES = 500;
const MAX_OUTBOX = 200;

/** A cause the far end ends a call with. */
export interface Cause {
  readonly cause: string;
  readonly causeCode: number;
}

export const CAUSES = {
  normal: { cause: 'NORMAL_CLEARING', causeCode: 16 },
  busy: { cause: 'USER_BUSY', causeCode: 17 },
  noAnswer: { cause: 'NO_ANSWER', causeCode: 19 },
  rejected: { cause: 'CALL_REJECTED', causeCode: 21 },
  noRoute: { cause: 'NO_ROUTE_DESTINATION', causeCode: 3 },
} as const satisfies Record<string, Cause>;

export class Call {
  readonly memberId = randomUUID();
  readonly roomSessionId = randomUUID();
  readonly roomId = randomUUID();
  readonly segmentId = randomUUID();
  readonly startedAt = Date.now();
  answeredAt = 0;
  state: 'created' | 'ringing' | 'answered' | 'ended' = 'created';
  peer: EchoPeer | undefined;
  answerSdp: string | undefined;
  audioMuted = false;
  videoMuted = false;
  readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly id: string,
    readonly destination: string,
    readonly address: Address | undefined,
    readonly offerSdp: string,
    /** Where the call reports how far it got (`GET /__calls`). */
    readonly log: CallLogEntry,
  ) {}

  get ended(): boolean {
    return this.state === 'ended';
  }

  later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.ended) action();
    }, ms);
    this.timers.add(timer);
  }

  answered(): void {
    this.state = 'answered';
    this.answeredAt = Date.now();
    this.log.answered();
  }

  /** Ends the call for good: timers, media, and its record (`cause` when a bye carried one). */
  stop(endedBy: EndedBy, cause?: Cause): void {
    if (this.ended) return;
    this.log.ended(endedBy, cause);
    this.state = 'ended';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const peer = this.peer;
    this.peer = undefined;
    void peer?.close();
  }
}

export class Session {
  readonly jti = randomUUID();
  readonly protocol = `signalwire_${this.jti}_${randomUUID()}`;
  readonly nodeId = `${randomUUID()}@emulator`;
  readonly label = this.jti.slice(0, 8);
  readonly calls = new Map<string, Call>();
  /** Replies by JSON-RPC id, so a request the SDK re-sends gets the same answer (null while pending). */
  readonly replies = new Map<string, Json | null>();
  readonly outbox: string[] = [];
  socket: WebSocket | undefined;
  orphanTimer: NodeJS.Timeout | undefined;

  constructor(readonly record: TokenRecord, readonly tokenFingerprint: string) {}

  /** Sends an event on the current socket, or keeps it for the next one. */
  send(message: Json): void {
    const text = JSON.stringify(message);
    if (this.socket && this.socket.readyState === this.socket.OPEN) this.socket.send(text);
    else if (this.outbox.length < MAX_OUTBOX) this.outbox.push(text);
  }

  flush(): void {
    while (this.outbox.length && this.socket && this.socket.readyState === this.socket.OPEN) {
      this.socket.send(this.outbox.shift()!);
    }
  }

  remember(id: string, reply: Json | null): void {
    this.replies.set(id, reply);
    if (this.replies.size > MAX_REMEMBERED_REPLIES) {
      const oldest = this.replies.keys().next().value;
      if (oldest !== undefined) this.replies.delete(oldest);
    }
  }

  event(eventType: string, params: Json, withNode = false): void {
    this.send({
      jsonrpc: '2.0',
      id: randomUUID(),
      method: 'signalwire.event',
      params: { event_type: eventType, event_channel: `signalwire_${this.jti}`, timestamp: Date.now() / 1000, ...(withNode ? { node_id: this.nodeId } : {}), params },
    });
  }
}
