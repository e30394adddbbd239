// The emulator's one origin: HTTP routing (REST, demo helper, faults) with CORS and body limits,
// and the relay websocket upgrade on `/`. `startEmulator` is the programmatic API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { CallLog } from './call-log.ts';
import { ADDRESSES, C2C_TOKENS, DEMO_C2C_TOKEN } from './directory.ts';
import { mediaDegradation, relayFaults, withRestFault } from './fault-layer.ts';
import { defaultFaults, mergeFaults, type Faults } from './faults.ts';
import { HttpError, isLoopback, readJsonBody, sendError, sendJson, type Handler } from './http-util.ts';
import { EchoMedia } from './media.ts';
import { Relay, type RelayStats } from './relay.ts';
import { createInvite, demoSubscriberToken, exchangeEmbedToken, type RestContext } from './rest.ts';
import { TokenStore } from './tokens.ts';

export interface EmulatorOptions {
  /** Default 8790; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** No log lines. */
  quiet?: boolean;
  /** Where log lines go (default stdout). */
  log?: (line: string) => void;
  /** `signalwire.ping` interval in ms (default 5000; 0 disables). */
  pingIntervalMs?: number;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:8790` */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

/** `GET /__stats`: what the relay holds, and the CPU time its process has used. */
export interface EmulatorStats extends RelayStats {
  /**
   * CPU time (user + system, ms) of the process the emulator runs in, since that process started. In a process of
   * its own (`startEmulatorProcess`, `npm run emulator`) that is the emulator's alone; two readings apart give what
   * the calls between them cost.
   */
  readonly processCpuMs: number;
}

function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

export const DEFAULT_PORT = 8790;
const WS_MAX_PAYLOAD = 256 * 1024;

interface Route {
  readonly loopbackOnly?: boolean;
  readonly methods: Partial<Record<string, Handler>>;
}

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
  'access-control-max-age': '600',
};

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return { 'access-control-allow-origin': typeof origin === 'string' && origin ? origin : '*', vary: 'origin' };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = options.quiet ? () => undefined : (line: string) => write(`[emulator] ${new Date().toISOString().slice(11, 23)} ${line}`);
  let port = options.port ?? DEFAULT_PORT;
  let faults: Faults = defaultFaults();
  const tokens = new TokenStore(() => faults.relayUrl ?? `ws://${host.includes(':') ? `[${host}]` : host}:${port}`);
  const rest: RestContext = { tokens, log };
  // Read for every echoed packet: a change of the media faults reaches the calls already running.
  const media = new EchoMedia(() => mediaDegradation(faults));
  const calls = new CallLog();
  const relay = new Relay({
    tokens, faults: () => faults, hooks: relayFaults(() => faults), media, calls, log, pingIntervalMs: options.pingIntervalMs ?? 5_000,
  });

  const routes: Record<string, Route> = {
    '/': {
      methods: {
        GET: (_req, res) =>
          sendJson(res, 200, {
            name: 'c2c-call-button local space emulator',
            relay: `ws://${host}:${port}/`,
            endpoints: [
              'POST /api/fabric/embeds/tokens', 'POST /api/fabric/subscriber/invites', 'GET /__demo/subscriber-token',
              'GET|POST|DELETE /__faults', 'GET|DELETE /__calls', 'GET /__stats',
            ],
            demo_token: DEMO_C2C_TOKEN,
            tokens: C2C_TOKENS.map(({ token, status, description }) => ({ token, status, description })),
            addresses: ADDRESSES.map(({ id, name, description }) => ({ id, name, description })),
          }),
      },
    },
    '/api/fabric/embeds/tokens': {
      methods: { POST: withRestFault(() => faults, 'exchange', (req, res) => exchangeEmbedToken(rest, req, res)) },
    },
    '/api/fabric/subscriber/invites': {
      methods: { POST: withRestFault(() => faults, 'invites', (req, res) => createInvite(rest, req, res)) },
    },
    '/__demo/subscriber-token': { loopbackOnly: true, methods: { GET: (_req, res) => demoSubscriberToken(rest, res) } },
    '/__calls': {
      loopbackOnly: true,
      methods: {
        GET: (_req, res) => sendJson(res, 200, calls.list()),
        DELETE: (_req, res) => {
          calls.clear();
          sendJson(res, 200, []);
          return 'cleared';
        },
      },
    },
    '/__stats': {
      loopbackOnly: true,
      methods: { GET: (_req, res) => sendJson(res, 200, { ...relay.stats(), processCpuMs: processCpuMs() } satisfies EmulatorStats) },
    },
    '/__faults': {
      loopbackOnly: true,
      methods: {
        GET: (_req, res) => sendJson(res, 200, faults),
        DELETE: (_req, res) => {
          faults = defaultFaults();
          sendJson(res, 200, faults);
          return 'reset';
        },
        POST: async (req, res) => {
          const merged = mergeFaults(faults, await readJsonBody(req));
          if ('error' in merged) throw new HttpError(422, 'invalid_fault', merged.error);
          faults = merged.faults;
          sendJson(res, 200, faults);
          return JSON.stringify(faults);
        },
      },
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req);
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    let path = '/';
    try {
      path = new URL(req.url ?? '/', 'http://emulator').pathname;
    } catch {
      // an unparsable target is just an unknown route
    }
    const method = req.method ?? 'GET';
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    let note: string | void = undefined;
    try {
      if (!route) throw new HttpError(404, 'not_found', `no route ${path}`);
      if (route.loopbackOnly && !isLoopback(req)) throw new HttpError(403, 'forbidden', 'loopback only');
      const allowed = [...Object.keys(route.methods), 'OPTIONS'].join(', ');
      if (method === 'OPTIONS') {
        res.writeHead(204, { ...CORS_HEADERS, allow: allowed });
        res.end();
      } else {
        const handler = route.methods[method];
        if (!handler) {
          sendError(res, new HttpError(405, 'method_not_allowed', `${method} not allowed on ${path}`), { allow: allowed });
        } else {
          note = await handler(req, res);
        }
      }
    } catch (error) {
      const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal_error', 'internal error');
      if (!(error instanceof HttpError)) log(`error ${method} ${path}: ${(error as Error).message}`);
      // Over the limit: answer and close instead of reading the rest of the body.
      const closing: Record<string, string> = httpError.status === 413 ? { connection: 'close' } : {};
      sendError(res, httpError, closing);
      if (httpError.status === 413) res.once('finish', () => req.socket.destroySoon());
      note = httpError.message;
    }
    log(`${method} ${path} ${res.statusCode}${note ? ` ${note}` : ''}`);
  }

  // keepAliveTimeout 0: an idle kept-alive connection is closed by its client (Node's fetch after 4 s, a browser
  // later), never by the emulator. A server that closes idle connections can do so just as a client sends its next
  // request on one, which then fails with ECONNRESET (seen under load, when the client's own idle timer runs late).
  // close() ends every connection still open.
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 0 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ code: 'internal_error', message: 'internal error' }] });
    });
  });
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  server.on('upgrade', (req, socket: Socket, head) => {
    socket.on('error', () => undefined);
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => relay.accept(ws));
  });
  wss.on('error', () => undefined);

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    origin,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        relay.close();
        wss.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
