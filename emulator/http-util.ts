// Small HTTP helpers: JSON replies, error bodies in the REST API's shape, and a bounded JSON body reader
// that stops reading (rather than buffering) as soon as a body is over the limit.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** A route's handler; what it returns is added to the request's log line. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<string | void> | string | void;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly attribute?: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, {
    errors: [{ type: error.status === 422 ? 'validation_error' : 'request_error', code: error.code, message: error.message, ...(error.attribute ? { attribute: error.attribute } : {}) }],
  }, headers);
}

function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** Reads a JSON body of at most `limit` bytes. Throws HttpError 413 (over the limit) or 422 (not JSON). */
export function readJsonBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError(413, 'payload_too_large', `body over ${limit} bytes`));
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      req.resume();
      reject(new HttpError(422, 'invalid_content_type', 'content-type must be application/json'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(() => reject(new HttpError(413, 'payload_too_large', `body over ${limit} bytes`)));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', () => finish(() => reject(new HttpError(400, 'bad_request', 'request stream failed'))));
    req.on('aborted', () => finish(() => reject(new HttpError(400, 'bad_request', 'request aborted'))));
    req.on('end', () =>
      finish(() => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new HttpError(422, 'invalid_json', 'body is not valid JSON'));
        }
      }),
    );
  });
}

export function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || address.startsWith('127.');
}
