// The two REST endpoints of the emulated space, with the status codes the API documents,
// plus the loopback-only demo helper that hands out the demo subscriber's token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  C2C_TOKEN_PATTERN, SPACE, UUID_PATTERN, allAddressNames, findAddressById, findC2cToken,
} from './directory.ts';
import { HttpError, readJsonBody, sendJson } from './http-util.ts';
import { TokenStore, fingerprint } from './tokens.ts';

export const GUEST_TOKEN_TTL_MS = 60 * 60_000;
export const SUBSCRIBER_TOKEN_TTL_MS = 2 * 60 * 60_000;
export const INVITE_TOKEN_TTL_MS = 2 * 60 * 60_000;

export interface RestContext {
  readonly tokens: TokenStore;
  readonly log: (line: string) => void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `POST /api/fabric/embeds/tokens` `{token: "c2c_…"}` → 201 `{token: <guest SAT>}`. */
export async function exchangeEmbedToken(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<string> {
  const body = await readJsonBody(req);
  if (!isObject(body)) throw new HttpError(422, 'invalid_body', 'body must be a JSON object');
  const { token } = body;
  if (token === undefined) throw new HttpError(422, 'missing_token', 'token is required', 'token');
  if (typeof token !== 'string') throw new HttpError(422, 'invalid_token', 'token must be a string', 'token');
  if (!C2C_TOKEN_PATTERN.test(token)) throw new HttpError(422, 'invalid_token', 'token is not a Click-to-Call token', 'token');
  const entry = findC2cToken(token);
  if (!entry) throw new HttpError(404, 'not_found', 'Click-to-Call token not found');
  if (entry.status === 'disabled') throw new HttpError(403, 'forbidden', 'Click-to-Call token is disabled');
  if (entry.status === 'expired') throw new HttpError(401, 'unauthorized', 'Click-to-Call token has expired');
  const guest = ctx.tokens.mint('guest', entry.allowed, Date.now() + GUEST_TOKEN_TTL_MS, SPACE.subscriberId);
  sendJson(res, 201, { token: guest });
  return `${fingerprint(token)} → guest ${fingerprint(guest)}`;
}

/** `POST /api/fabric/subscriber/invites`, Bearer subscriber SAT, `{address_id, expires_at?}` → 201 `{token}`. */
export async function createInvite(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<string> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const record = match ? ctx.tokens.decode(match[1]) : undefined;
  if (!record || record.kind !== 'subscriber' || TokenStore.isExpired(record)) {
    throw new HttpError(401, 'unauthorized', 'a valid subscriber token is required');
  }
  const body = await readJsonBody(req);
  if (!isObject(body)) throw new HttpError(422, 'invalid_body', 'body must be a JSON object');
  const { address_id: addressId, expires_at: expiresAtSeconds } = body;
  if (typeof addressId !== 'string' || !UUID_PATTERN.test(addressId)) {
    throw new HttpError(422, 'invalid_address_id', 'address_id must be a uuid', 'address_id');
  }
  let expiresAt = Date.now() + INVITE_TOKEN_TTL_MS;
  if (expiresAtSeconds !== undefined) {
    if (typeof expiresAtSeconds !== 'number' || !Number.isInteger(expiresAtSeconds)) {
      throw new HttpError(422, 'invalid_expires_at', 'expires_at must be unix seconds', 'expires_at');
    }
    if (expiresAtSeconds * 1000 <= Date.now()) throw new HttpError(422, 'invalid_expires_at', 'expires_at is in the past', 'expires_at');
    expiresAt = expiresAtSeconds * 1000;
  }
  const address = findAddressById(addressId);
  if (!address) throw new HttpError(404, 'not_found', 'address not found');
  const invite = ctx.tokens.mint('invite', [address.name], expiresAt, record.subscriberId);
  sendJson(res, 201, { token: invite });
  return `${address.name} → invite ${fingerprint(invite)}`;
}

/** `GET /__demo/subscriber-token` → the demo subscriber's SAT (owner of every demo address). */
export function demoSubscriberToken(ctx: RestContext, res: ServerResponse): string {
  const token = ctx.tokens.mint('subscriber', allAddressNames(), Date.now() + SUBSCRIBER_TOKEN_TTL_MS, SPACE.subscriberId);
  sendJson(res, 200, { token });
  return `subscriber ${fingerprint(token)}`;
}
