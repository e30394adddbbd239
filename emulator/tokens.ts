// Minting and recognising the tokens the emulated space hands out. They are shaped like real SATs
// (a five-part JWE whose protected header names the relay in `ch`), but the "ciphertext" only carries
// a random id; the emulator keeps what that id stands for in memory, so tokens die with the process.
// Like a real JWE, whose tag fails to verify when any byte changes, a token is only recognised exactly
// as it was minted: the store keeps a digest of the whole string, and any other string is unknown.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export type TokenKind = 'guest' | 'subscriber' | 'invite';

export interface TokenRecord {
  readonly id: string;
  readonly kind: TokenKind;
  /** Address names this token may call. */
  readonly allowed: readonly string[];
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly subscriberId: string;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const digest = (token: string) => createHash('sha256').update(token).digest();

/** A short, non-reversible label for logs: never print a whole token. */
export function fingerprint(token: unknown): string {
  if (typeof token !== 'string' || token.length === 0) return '(none)';
  if (token.startsWith('c2c_')) return `${token.slice(0, 8)}…`;
  return `#${createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
}

export class TokenStore {
  readonly #records = new Map<string, { readonly record: TokenRecord; readonly digest: Buffer }>();

  constructor(private readonly relayUrl: () => string) {}

  mint(kind: TokenKind, allowed: readonly string[], expiresAt: number, subscriberId: string): string {
    const record: TokenRecord = { id: randomUUID(), kind, allowed: [...allowed], expiresAt, subscriberId };
    const header = { alg: 'dir', enc: 'A256GCM', ch: this.relayUrl(), typ: 'SAT' };
    const payload = { v: 1, jti: record.id, typ: kind, r: randomBytes(24).toString('base64url') };
    const token = [base64url(JSON.stringify(header)), '', base64url(randomBytes(12)), base64url(JSON.stringify(payload)), base64url(randomBytes(16))].join('.');
    this.#records.set(record.id, { record, digest: digest(token) });
    return token;
  }

  /**
   * The record a token stands for, or undefined for anything this emulator did not mint exactly so
   * (another emulator's token, a forged one, or one of ours with any character changed). Expiry is not checked here.
   */
  decode(token: unknown): TokenRecord | undefined {
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    const parts = token.split('.');
    if (parts.length !== 5) return undefined;
    try {
      const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (header.typ !== 'SAT' || header.alg !== 'dir') return undefined;
      const payload = JSON.parse(Buffer.from(parts[3]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const entry = typeof payload.jti === 'string' ? this.#records.get(payload.jti) : undefined;
      return entry && timingSafeEqual(entry.digest, digest(token)) ? entry.record : undefined;
    } catch {
      return undefined;
    }
  }

  static isExpired(record: TokenRecord, now = Date.now()): boolean {
    return record.expiresAt <= now;
  }
}
