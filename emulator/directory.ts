// What the emulated space knows: its demo subscriber, the addresses it owns (fixed uuids) and the
// registered Click-to-Call tokens. Everything here is public demo data, listed in emulator/README.md.

export type AddressBehaviour = 'echo' | 'busy' | 'no-answer' | 'slow-answer';

export interface Address {
  readonly id: string;
  /** The destination the SDK dials, e.g. `/public/echo`. */
  readonly name: string;
  readonly behaviour: AddressBehaviour;
  readonly description: string;
}

export type C2cTokenStatus = 'active' | 'disabled' | 'expired';

export interface C2cToken {
  readonly token: string;
  readonly status: C2cTokenStatus;
  /** Address names a guest of this token may call. */
  readonly allowed: readonly string[];
  readonly description: string;
}

export const SPACE = {
  projectId: 'c2cde000-0000-4000-8000-00000000f00d',
  spaceId: 'c2cde000-0000-4000-8000-00000000face',
  applicationId: 'c2cde000-0000-4000-8000-0000000000a9',
  subscriberId: 'c2cde000-0000-4000-8000-0000000005b5',
  subscriberName: 'demo-subscriber',
} as const;

export const ADDRESSES: readonly Address[] = [
  { id: 'c2cde000-0000-4000-8000-000000000001', name: '/public/echo', behaviour: 'echo', description: 'answers at once, echoes audio (and video)' },
  { id: 'c2cde000-0000-4000-8000-000000000002', name: '/public/busy', behaviour: 'busy', description: 'rejects like a busy line: verto.bye USER_BUSY/17' },
  { id: 'c2cde000-0000-4000-8000-000000000003', name: '/public/no-answer', behaviour: 'no-answer', description: 'rings with early media, then verto.bye NO_ANSWER/19 after the ring timeout (30 s)' },
  { id: 'c2cde000-0000-4000-8000-000000000004', name: '/public/slow-answer', behaviour: 'slow-answer', description: 'rings with early media, answers after 3 s, then echoes' },
  { id: 'c2cde000-0000-4000-8000-000000000005', name: '/public/support', behaviour: 'echo', description: 'like /public/echo (the README example)' },
];

const ALL = ADDRESSES.map((address) => address.name);

export const DEMO_C2C_TOKEN = 'c2c_7acc0e5e968706a032983cd80cdca219';
export const DISABLED_C2C_TOKEN = 'c2c_d15ab1ed000000000000000000000000';
export const EXPIRED_C2C_TOKEN = 'c2c_dead0000000000000000000000000000';
export const ECHO_ONLY_C2C_TOKEN = 'c2c_ec000000000000000000000000000000';
/** Well-formed but never registered: the exchange answers 404. */
export const UNKNOWN_C2C_TOKEN = 'c2c_00000000000000000000000000000000';

export const C2C_TOKENS: readonly C2cToken[] = [
  { token: DEMO_C2C_TOKEN, status: 'active', allowed: ALL, description: 'demo token, may call every demo address' },
  { token: ECHO_ONLY_C2C_TOKEN, status: 'active', allowed: ['/public/echo'], description: 'may call /public/echo only (others: CALL_REJECTED/21)' },
  { token: DISABLED_C2C_TOKEN, status: 'disabled', allowed: ALL, description: 'disabled: exchange answers 403' },
  { token: EXPIRED_C2C_TOKEN, status: 'expired', allowed: ALL, description: 'expired: exchange answers 401' },
];

export const C2C_TOKEN_PATTERN = /^c2c_[0-9a-f]{32}$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function findC2cToken(token: string): C2cToken | undefined {
  return C2C_TOKENS.find((entry) => entry.token === token);
}

export function findAddressByName(name: string): Address | undefined {
  return ADDRESSES.find((address) => address.name === name);
}

export function findAddressById(id: string): Address | undefined {
  return ADDRESSES.find((address) => address.id === id.toLowerCase());
}

export function allAddressNames(): string[] {
  return [...ALL];
}
