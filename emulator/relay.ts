// The relay websocket: JSON-RPC 2.0 the way @signalwire/js 3.30.0 speaks it for a Call Fabric call
// (see docs/protocol.md). A session outlives its socket: the SDK reconnects with the `protocol`
// it was given and expects its calls to carry on, so calls and queued events hang off the session
// (relay-session.ts).
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { CallLog, EndedBy } from './call-log.ts';
import { SPACE, findAddressByName } from './directory.ts';
import type { Faults } from './faults.ts';
import type { EchoMedia, EchoPacketCounts } from './media.ts';
import { CAUSES, Call, Session, type Cause, type Json } from './relay-session.ts';
import { TokenStore, fingerprint } from './tokens.ts';

export const AUTH_ERROR = { code: -32002, message: 'Authentication service failed with status ProtocolError, 401 Unauthorized: {}' } as const;

export interface RelayOptions {
  readonly tokens: TokenStore;
  /** Read for the settings of the emulated space: how long `/public/no-answer` rings, how long a session waits. */
  readonly faults: () => Faults;
  /** A layer around the relay that may refuse connects and act on calls: fault injection (fault-layer.ts). */
  readonly hooks?: RelayHooks;
  /** The far end's media: one echo peer per answered call. */
  readonly media: EchoMedia;
  readonly log: (line: string) => void;
  /** Where every call is recorded (`GET /__calls`). */
  readonly calls: CallLog;
  /** `signalwire.ping` interval; 0 disables. The SDK drops a socket 15 s after the last ping, so keep it well under. */
  readonly pingIntervalMs: number;
}

/** What the relay holds right now (`GET /__stats`): after every call has ended and every client has gone, all zero. */
export interface RelayStats {
  /** Open relay websockets (with or without a session). */
  readonly sockets: number;
  /** Sessions kept: those with a socket, and those waiting for their client to reconnect. */
  readonly sessions: number;
  /** Of those, the ones without a socket (kept for `orphanTimeoutMs`, then forgotten). */
  readonly detachedSessions: number;
  /** Calls ringing or answered. */
  readonly activeCalls: number;
  /** The most calls ringing or answered at once since the emulator started. */
  readonly peakCalls: number;
  /** Open werift peer connections (the echo far ends). */
  readonly mediaPeers: number;
  /** What happened to the RTP the echo peers received, since start. */
  readonly rtp: EchoPacketCounts;
}

/** What a layer around the relay sees: a connect to admit, a call invited or answered. */
export interface RelayHooks {
  /** Why to refuse this `signalwire.connect` with the AuthError frame; undefined to handle it. */
  refuseConnect?(): string | undefined;
  /** An invite arrived and its call was created (it may still be refused). */
  invited?(call: CallControl): void;
  /** The far end answered the call. */
  answered?(call: CallControl): void;
}

/** What a hook may do to one call; `why` goes into the log line. */
export interface CallControl {
  readonly id: string;
  /** Runs `action` after `ms`, unless the call has ended by then. */
  later(ms: number, action: () => void): void;
  /** Closes the call's relay socket once: the SDK reconnects with its `protocol`, the session and the call go on. */
  dropSocket(why: string): void;
  /** The far end hangs up: `verto.bye` NORMAL_CLEARING/16. */
  hangUp(): void;
  /** Closes the socket, stops the media, forgets the session (its calls end `socket-gone`) and refuses its reconnects. */
  kill(why: string): void;
}

const SLOW_ANSWER_MS = 3_000;
const REJECT_DELAY_MS = 150;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One websocket connection; its session is set once `signalwire.connect` succeeds. */
interface Connection {
  readonly socket: WebSocket;
  readonly label: string;
  session: Session | undefined;
  pingTimer: NodeJS.Timeout | undefined;
}

export class Relay {
  readonly #options: RelayOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<Connection>();
  /** Sessions whose call was killed (`CallControl.kill`): their reconnects are refused for good. */
  readonly #killedProtocols = new Set<string>();
  #nextConnection = 1;
  #peakCalls = 0;
  #closed = false;

  constructor(options: RelayOptions) {
    this.#options = options;
  }

  stats(): RelayStats {
    const sessions = [...this.#sessions.values()];
    const media = this.#options.media;
    return {
      sockets: [...this.#connections].filter((connection) => connection.socket.readyState === connection.socket.OPEN).length,
      sessions: sessions.length,
      detachedSessions: sessions.filter((session) => !session.socket).length,
      activeCalls: this.#activeCalls(),
      peakCalls: this.#peakCalls,
      mediaPeers: media.openPeers,
      rtp: media.packets,
    };
  }

  #activeCalls(): number {
    let count = 0;
    for (const session of this.#sessions.values()) for (const call of session.calls.values()) if (!call.ended) count++;
    return count;
  }

  accept(socket: WebSocket): void {
    const connection: Connection = { socket, label: `ws${this.#nextConnection++}`, session: undefined, pingTimer: undefined };
    this.#connections.add(connection);
    socket.on('message', (data, isBinary) => {
      try {
        if (isBinary) return this.#reply(connection, null, undefined, { code: -32700, message: 'Parse error: binary frame' });
        this.#onMessage(connection, data.toString());
      } catch (error) {
        this.#log(`${connection.label} internal error: ${(error as Error).message}`);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => this.#onClose(connection, code));
  }

  /** Ends every call, closes every socket. */
  close(): void {
    this.#closed = true;
    for (const connection of this.#connections) {
      this.#stopPing(connection);
      connection.socket.terminate();
    }
    this.#connections.clear();
    for (const session of this.#sessions.values()) this.#endSession(session, 'socket-gone');
    this.#sessions.clear();
  }

  #log(line: string): void {
    this.#options.log(`relay ${line}`);
  }

  #send(connection: Connection, message: Json): void {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message));
  }

  #reply(connection: Connection, id: unknown, result?: Json, error?: Json): void {
    const message: Json = { jsonrpc: '2.0', id: id ?? null, ...(error ? { error } : { result: result ?? {} }) };
    const session = connection.session;
    if (session && typeof id === 'string') session.remember(id, message);
    // Replies go to the socket the request came on; if it is gone, the SDK re-sends and gets the remembered reply.
    this.#send(connection, message);
  }

  #onMessage(connection: Connection, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return this.#reply(connection, null, undefined, { code: -32700, message: 'Parse error' });
    }
    if (!isObject(message)) return this.#reply(connection, null, undefined, { code: -32600, message: 'Invalid Request' });
    const { id, method } = message;
    if (method === undefined) return; // an ack of one of our events or pings
    if (typeof method !== 'string') return this.#reply(connection, id, undefined, { code: -32600, message: 'Invalid Request' });
    const params = isObject(message.params) ? message.params : {};
    if (method === 'signalwire.connect') return this.#connect(connection, id, params);
    const session = connection.session;
    if (!session) return this.#reply(connection, id, undefined, { code: -32001, message: 'Not authenticated' });
    if (typeof id === 'string' && session.replies.has(id)) {
      const remembered = session.replies.get(id);
      if (remembered) this.#send(connection, remembered);
      return; // a duplicate of a request still being handled: its reply will follow
    }
    if (typeof id === 'string') session.remember(id, null);
    switch (method) {
      case 'webrtc.verto':
        return this.#verto(connection, session, id, params);
      case 'call.mute':
      case 'call.unmute':
        return this.#mute(connection, session, id, params, method === 'call.mute');
      case 'signalwire.reauthenticate':
      case 'signalwire.subscribe':
        return this.#reply(connection, id, {});
      default:
        return this.#reply(connection, id, undefined, { code: -32601, message: `Method not found: ${method}` });
    }
  }

  // ---- connect ------------------------------------------------------------------------------------

  #connect(connection: Connection, id: unknown, params: Json): void {
    const auth = isObject(params.authentication) ? params.authentication : {};
    const token = auth.jwt_token;
    const print = fingerprint(token);
    const refuse = (why: string) => {
      this.#log(`${connection.label} connect refused (${why}) token ${print}`);
      this.#send(connection, { jsonrpc: '2.0', id: id ?? null, error: AUTH_ERROR });
    };
    const refusal = this.#options.hooks?.refuseConnect?.();
    if (refusal) return refuse(refusal);
    const record = this.#options.tokens.decode(token);
    if (!record) return refuse('unknown token');
    if (TokenStore.isExpired(record)) return refuse(`expired ${record.kind} token`);

    const protocol = typeof params.protocol === 'string' ? params.protocol : undefined;
    const resumed = protocol ? this.#sessions.get(protocol) : undefined;
    if (protocol && this.#killedProtocols.has(protocol)) {
      // The call was killed: the session may not come back. Closing (rather than an AuthError) keeps the
      // SDK retrying, so the call ends the way a dead network ends it — through its media timeout.
      this.#log(`${connection.label} reconnect of killed session ${protocol.split('_')[1]?.slice(0, 8)} refused (socket closed)`);
      connection.socket.terminate();
      return;
    }
    let session: Session;
    if (resumed && resumed.record.id === record.id) {
      session = resumed;
      if (session.socket && session.socket !== connection.socket) session.socket.terminate();
      clearTimeout(session.orphanTimer);
      session.orphanTimer = undefined;
      this.#log(`${connection.label} connect resumed session ${session.label} (${session.calls.size} call(s)) token ${print}`);
    } else {
      session = new Session(record, print);
      this.#sessions.set(session.protocol, session);
      this.#log(`${connection.label} connect ok ${record.kind} token ${print} → session ${session.label}`);
    }
    if (connection.session && connection.session !== session) this.#detach(connection);
    connection.session = session;
    session.socket = connection.socket;
    const expiresAt = Math.floor(record.expiresAt / 1000);
    this.#send(connection, {
      jsonrpc: '2.0',
      id: id ?? null,
      result: {
        identity: `${SPACE.subscriberName}@emulator`,
        authorization: {
          jti: session.jti,
          project_id: SPACE.projectId,
          fabric_subscriber: {
            version: 1, expires_at: expiresAt, subscriber_id: record.subscriberId,
            application_id: SPACE.applicationId, project_id: SPACE.projectId, space_id: SPACE.spaceId,
          },
        },
        protocol: session.protocol,
        ice_servers: [],
      },
    });
    session.event('signalwire.authorization.state', { authorization_state: Buffer.from(`emulator:${session.jti}`).toString('base64') });
    session.flush();
    this.#startPing(connection);
  }

  #startPing(connection: Connection): void {
    this.#stopPing(connection);
    const interval = this.#options.pingIntervalMs;
    if (interval <= 0) return;
    connection.pingTimer = setInterval(() => {
      this.#send(connection, { jsonrpc: '2.0', id: randomUUID(), method: 'signalwire.ping', params: { timestamp: Date.now() / 1000 } });
    }, interval);
  }

  #stopPing(connection: Connection): void {
    clearInterval(connection.pingTimer);
    connection.pingTimer = undefined;
  }

  #onClose(connection: Connection, code: number): void {
    this.#stopPing(connection);
    this.#connections.delete(connection);
    if (connection.session) this.#log(`${connection.label} closed (${code}) session ${connection.session.label}`);
    this.#detach(connection);
  }

  #detach(connection: Connection): void {
    const session = connection.session;
    connection.session = undefined;
    if (!session || session.socket !== connection.socket || this.#closed) return;
    session.socket = undefined;
    if (this.#sessions.get(session.protocol) !== session) return; // already forgotten (killed)
    clearTimeout(session.orphanTimer);
    // Without a socket for a while (page closed, client disconnected): end its calls and forget it.
    session.orphanTimer = setTimeout(() => {
      if (session.socket) return;
      const live = [...session.calls.values()].filter((call) => !call.ended).length;
      this.#log(`session ${session.label} gone: ending ${live} call(s)`);
      this.#forget(session, 'socket-gone');
    }, this.#options.faults().orphanTimeoutMs);
    session.orphanTimer.unref();
  }

  #endSession(session: Session, endedBy: EndedBy): void {
    clearTimeout(session.orphanTimer);
    for (const call of session.calls.values()) call.stop(endedBy);
    session.calls.clear();
  }

  /** Ends the session's calls and drops it: a reconnect with its `protocol` starts a new session (or is refused, if killed). */
  #forget(session: Session, endedBy: EndedBy): void {
    this.#endSession(session, endedBy);
    this.#sessions.delete(session.protocol);
  }

  // ---- webrtc.verto -------------------------------------------------------------------------------

  #verto(connection: Connection, session: Session, id: unknown, params: Json): void {
    const message = isObject(params.message) ? params.message : undefined;
    if (!message) return this.#reply(connection, id, undefined, { code: -32602, message: 'Invalid params: message' });
    const inner = isObject(message.params) ? message.params : {};
    const dialog = isObject(inner.dialogParams) ? inner.dialogParams : {};
    const callId = [params.callID, inner.callID, dialog.callID].find((value): value is string => typeof value === 'string');
    const vertoId = message.id;
    const ok = (result: Json) =>
      this.#reply(connection, id, { code: '200', node_id: session.nodeId, result: { jsonrpc: '2.0', id: vertoId, result } });

    if (message.method === undefined && isObject(message.result)) {
      // The SDK's ack of verto.answer / verto.media / verto.bye: a request of its own that must be answered.
      return this.#reply(connection, id, { code: '200', message: 'OK', node_id: session.nodeId });
    }
    switch (message.method) {
      case 'verto.invite':
        return this.#invite(connection, session, id, vertoId, callId, dialog, inner);
      case 'verto.info': {
        const call = callId ? session.calls.get(callId) : undefined;
        if (!call || call.ended) return this.#reply(connection, id, undefined, { code: -32000, message: 'CALL DOES NOT EXIST' });
        this.#log(`call ${call.id.slice(0, 8)} dtmf "${String(inner.dtmf ?? '')}"`);
        return ok({ message: 'SENT', sessid: call.id });
      }
      case 'verto.bye': {
        const call = callId ? session.calls.get(callId) : undefined;
        ok({ message: 'CALL ENDED', callID: callId, ...CAUSES.normal });
        if (call && !call.ended) {
          this.#log(`call ${call.id.slice(0, 8)} hung up by the caller`);
          call.stop('caller', CAUSES.normal);
          this.#callState(session, call, 'ended');
        }
        return;
      }
      case 'verto.pong':
        return ok({ message: 'PONG' });
      case 'verto.modify':
        return void this.#modify(session, callId, inner).then(
          (sdp) => ok({ callID: callId, action: inner.action, sdp }),
          (error: Error) => this.#reply(connection, id, undefined, { code: -32000, message: `MODIFY FAILED: ${error.message}` }),
        );
      default:
        return this.#reply(connection, id, undefined, { code: -32601, message: `Unsupported verto method: ${String(message.method)}` });
    }
  }

  #invite(connection: Connection, session: Session, id: unknown, vertoId: unknown, callId: string | undefined, dialog: Json, inner: Json): void {
    if (!callId) return this.#reply(connection, id, undefined, { code: -32602, message: 'Invalid params: callID' });
    const existing = session.calls.get(callId);
    const created = () => ({ code: '200', node_id: session.nodeId, result: { jsonrpc: '2.0', id: vertoId, result: { message: 'CALL CREATED', callID: callId } } });
    if (existing) return this.#reply(connection, id, created()); // the SDK re-sent its invite after a drop
    const destination = typeof dialog.destination_number === 'string' ? dialog.destination_number : '';
    const offer = typeof inner.sdp === 'string' ? inner.sdp : '';
    const address = findAddressByName(destination);
    // Recorded as they came, for GET /__calls, and never logged: they may be the visitor's.
    const entry = this.#options.calls.open(callId, destination, session.record.kind, dialog.userVariables);
    const call = new Call(callId, destination, address, offer, entry);
    session.calls.set(callId, call);
    this.#peakCalls = Math.max(this.#peakCalls, this.#activeCalls());
    this.#log(`call ${callId.slice(0, 8)} invite → ${destination || '(none)'} (${session.record.kind} token ${session.tokenFingerprint})`);
    this.#reply(connection, id, created());
    this.#callState(session, call, 'created');
    this.#options.hooks?.invited?.(this.#control(session, call));

    // The token is checked at connect; one that expires while connected may finish its calls but place no new one.
    // Refused like a call to an address it may not call, so start() rejects {code:"21", message:"CALL_REJECTED"}.
    if (TokenStore.isExpired(session.record)) {
      this.#log(`call ${callId.slice(0, 8)} refused: the ${session.record.kind} token has expired since connect`);
      return call.later(REJECT_DELAY_MS, () => this.#end(session, call, CAUSES.rejected));
    }
    if (!address) return call.later(REJECT_DELAY_MS, () => this.#end(session, call, CAUSES.noRoute));
    if (!session.record.allowed.includes(address.name)) return call.later(REJECT_DELAY_MS, () => this.#end(session, call, CAUSES.rejected));
    switch (address.behaviour) {
      case 'busy':
        this.#callState(session, call, 'ringing');
        return call.later(REJECT_DELAY_MS, () => this.#end(session, call, CAUSES.busy));
      case 'echo':
        return void this.#media(call).then(() => this.#answer(session, call));
      case 'no-answer':
      case 'slow-answer':
        return void this.#media(call).then(() => {
          if (call.ended) return;
          call.state = 'ringing';
          this.#callState(session, call, 'ringing');
          this.#vertoEvent(session, 'verto.media', { callID: call.id, sdp: call.answerSdp });
          if (address.behaviour === 'slow-answer') call.later(SLOW_ANSWER_MS, () => this.#answer(session, call));
          else call.later(this.#options.faults().ringTimeoutMs, () => this.#end(session, call, CAUSES.noAnswer));
        });
    }
  }

  /** Starts the echo peer; without one (werift failed), answers with an SDP that carries no media. */
  async #media(call: Call): Promise<void> {
    try {
      const peer = await this.#options.media.answer(call.offerSdp, () => this.#mediaFailed(call));
      if (call.ended) return void peer.close();
      call.peer = peer;
      call.answerSdp = peer.answerSdp;
    } catch (error) {
      this.#log(`call ${call.id.slice(0, 8)} media failed (${(error as Error).message}); answering without media`);
      call.answerSdp = mediaLessAnswer(call.offerSdp);
    }
  }

  #mediaFailed(call: Call): void {
    if (!call.ended) this.#log(`call ${call.id.slice(0, 8)} echo peer connection failed (ICE or DTLS): no media until the caller renegotiates`);
  }

  #answer(session: Session, call: Call): void {
    if (call.ended || call.state === 'answered') return;
    // After early media the SDK already has the answer SDP: sending it again makes Chrome throw
    // ("wrong state: stable") and the SDK hang up, so the later verto.answer carries none.
    const early = call.state === 'ringing';
    call.answered();
    this.#vertoEvent(session, 'verto.answer', early ? { callID: call.id } : { callID: call.id, sdp: call.answerSdp });
    this.#callState(session, call, 'answered');
    session.event('call.joined', this.#joinedParams(session, call));
    this.#log(`call ${call.id.slice(0, 8)} answered (${call.peer ? 'echo media' : 'no media'})`);
    this.#options.hooks?.answered?.(this.#control(session, call));
  }

  /** What a hook may do to `call` of `session`. */
  #control(session: Session, call: Call): CallControl {
    const short = call.id.slice(0, 8);
    return {
      id: call.id,
      later: (ms, action) => call.later(ms, action),
      dropSocket: (why) => {
        this.#log(`call ${short} ${why}: dropping the relay socket of session ${session.label}`);
        session.socket?.terminate();
      },
      hangUp: () => this.#end(session, call, CAUSES.normal),
      kill: (why) => {
        this.#log(`call ${short} ${why}: killing the call (socket closed, media stopped, reconnects refused)`);
        this.#killedProtocols.add(session.protocol);
        session.socket?.terminate();
        this.#forget(session, 'socket-gone');
      },
    };
  }

  /** The far end ends the call with a `verto.bye` carrying `cause`. */
  #end(session: Session, call: Call, cause: Cause): void {
    if (call.ended) return;
    this.#log(`call ${call.id.slice(0, 8)} ended by the far end: ${cause.cause}/${cause.causeCode}`);
    this.#callState(session, call, 'ending');
    this.#vertoEvent(session, 'verto.bye', { callID: call.id, ...cause });
    call.stop('far-end', cause);
    this.#callState(session, call, 'ended');
  }

  async #modify(session: Session, callId: string | undefined, inner: Json): Promise<string> {
    const call = callId ? session.calls.get(callId) : undefined;
    if (!call || call.ended) throw new Error('no such call');
    if (typeof inner.sdp !== 'string') throw new Error('no sdp');
    // Renegotiation (e.g. the SDK's ICE restart): start a fresh echo peer for the new offer.
    const old = call.peer;
    const peer = await this.#options.media.answer(inner.sdp, () => this.#mediaFailed(call));
    if (call.ended) {
      void peer.close();
      throw new Error('call ended');
    }
    call.peer = peer;
    call.answerSdp = peer.answerSdp;
    void old?.close();
    this.#log(`call ${call.id.slice(0, 8)} renegotiated (${String(inner.action)})`);
    return peer.answerSdp;
  }

  // ---- mute ---------------------------------------------------------------------------------------

  #mute(connection: Connection, session: Session, id: unknown, params: Json, muted: boolean): void {
    const target = isObject(params.target) ? params.target : isObject(params.self) ? params.self : {};
    const call = [...session.calls.values()].find((candidate) => candidate.memberId === target.member_id || candidate.id === target.call_id);
    if (!call || call.ended) return this.#reply(connection, id, undefined, { code: -32000, message: 'Member not found' });
    const channels = Array.isArray(params.channels) ? params.channels : ['audio'];
    const updated: string[] = [];
    if (channels.includes('audio')) {
      call.audioMuted = muted;
      updated.push('audio_muted');
    }
    if (channels.includes('video')) {
      call.videoMuted = muted;
      updated.push('video_muted');
    }
    this.#reply(connection, id, { code: '200', message: 'OK' });
    this.#log(`call ${call.id.slice(0, 8)} ${muted ? 'mute' : 'unmute'} ${channels.join('+')}`);
    session.event('member.updated', {
      room_session_id: call.roomSessionId,
      room_id: call.roomId,
      member: { ...this.#member(session, call), updated },
    });
  }

  // ---- events -------------------------------------------------------------------------------------

  #vertoEvent(session: Session, method: string, params: Json): void {
    session.event('webrtc.message', { jsonrpc: '2.0', id: Math.floor(Math.random() * 1e6), method, params }, true);
  }

  #callState(session: Session, call: Call, state: 'created' | 'ringing' | 'answered' | 'ending' | 'ended'): void {
    session.event('call.state', {
      call_id: call.id, node_id: session.nodeId, segment_id: call.segmentId, call_state: state, direction: 'inbound',
      device: { type: 'webrtc', params: { from: `${SPACE.subscriberName}@emulator`, to: call.destination, headers: [] } },
      start_time: call.startedAt, answer_time: call.answeredAt, end_time: state === 'ended' ? Date.now() : 0,
      room_session_id: call.roomSessionId,
    });
  }

  #member(session: Session, call: Call): Json {
    return {
      member_id: call.memberId, call_id: call.id, node_id: session.nodeId, room_id: call.roomId, room_session_id: call.roomSessionId,
      type: 'member', name: SPACE.subscriberName, audio_muted: call.audioMuted, video_muted: call.videoMuted,
      deaf: false, visible: false, input_volume: 0, output_volume: 0, input_sensitivity: 11.11, talking: false, meta: {},
    };
  }

  #joinedParams(session: Session, call: Call): Json {
    return {
      call_id: call.id, origin_call_id: call.id, member_id: call.memberId, room_session_id: call.roomSessionId,
      room_id: call.roomId, node_id: session.nodeId,
      room_session: {
        id: call.roomSessionId, room_id: call.roomId, name: call.destination.replace(/^\/public\//, ''), layout_name: 'grid-responsive',
        locked: false, recording: false, meta: {}, members: [this.#member(session, call)],
      },
      capabilities: ['self', 'member', 'layout', 'digit', 'vmuted', 'lock', 'device', 'end'],
    };
  }
}

/** An answer Chrome accepts but that never connects: only used when werift cannot answer. */
export function mediaLessAnswer(offer: string): string {
  const audio = /^m=audio /m.test(offer);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const fingerprintHex = Array.from({ length: 32 }, () => hex(2).toUpperCase()).join(':');
  const kind = audio ? 'audio' : 'video';
  const codec = audio ? ['a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1'] : ['a=rtpmap:96 VP8/90000'];
  return [
    'v=0', `o=FreeSWITCH ${Date.now()} ${Date.now()} IN IP4 127.0.0.1`, 's=FreeSWITCH', 't=0 0', 'a=group:BUNDLE 0',
    'a=msid-semantic: WMS emulator', `m=${kind} 9 UDP/TLS/RTP/SAVPF ${audio ? 111 : 96}`, 'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${hex(6)}`, `a=ice-pwd:${hex(24)}`, `a=fingerprint:sha-256 ${fingerprintHex}`, 'a=setup:active', 'a=mid:0',
    'a=sendrecv', 'a=rtcp-mux', ...codec, `a=msid:emulator ${kind}0`, `a=ssrc:${Math.floor(Math.random() * 2 ** 31)} cname:emulator`, '',
  ].join('\r\n');
}
