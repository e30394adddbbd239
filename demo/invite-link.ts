// A call link made from an invite: `…/demo/invite.html#to=<address>&invite=<token>&until=<unix s>`.
// Everything rides in the fragment, which browsers never send to a server (nor in a Referer), so the invite stays
// out of server, proxy and analytics logs. The page that reads it removes it from the address bar at once.
import { checkDestination } from '../src/network/endpoints.ts';

export interface InviteLink {
  /** The invite token, handed to the element as it is (no exchange). */
  invite: string;
  /** The address the invite may call, e.g. `/public/echo`. */
  destination: string;
  /** When the invite stops working, in unix seconds, as the link says. Shown to the visitor; the relay decides. */
  expiresAt?: number;
}

export type ReadInviteLink =
  | { ok: true; link: InviteLink }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'malformed'; problem: string };

/** Compact JWS/JWE: three or five base64url parts (a JWE's second part is empty for `alg: dir`). */
const TOKEN = /^[\w-]+(?:\.[\w-]*){2,4}$/;
const MAX_TOKEN_LENGTH = 8_192;

/** The link to `page` (the invite page's URL) that calls `link.destination` with `link.invite`. */
export function inviteLinkUrl(page: string | URL, link: InviteLink): string {
  const url = new URL(page);
  const fragment = new URLSearchParams({ to: link.destination, invite: link.invite });
  if (link.expiresAt !== undefined) fragment.set('until', String(link.expiresAt));
  // `/` needs no escape in a fragment: `to=/public/echo` reads better than `to=%2Fpublic%2Fecho`.
  url.hash = fragment.toString().replace(/%2F/gi, '/');
  return url.href;
}

/** Reads a link's fragment (`location.hash`, with or without its `#`); says what is wrong in a visitor's words. */
export function readInviteFragment(hash: string): ReadInviteLink {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.trim()) return { ok: false, reason: 'missing' };
  const params = new URLSearchParams(text);
  const invite = params.get('invite')?.trim() ?? '';
  const destination = params.get('to')?.trim() ?? '';
  const until = params.get('until');

  if (!invite) return malformed('It has no invitation in it. It may have been cut short when it was copied.');
  if (invite.length > MAX_TOKEN_LENGTH || !TOKEN.test(invite) || !hasJsonHeader(invite)) {
    return malformed('The invitation in it is damaged. It may have been cut short or changed when it was copied.');
  }
  if (!destination) return malformed('It does not say whom to call.');
  try {
    checkDestination(destination);
  } catch {
    return malformed('The address it should call is not a valid address.');
  }
  const link: InviteLink = { invite, destination };
  if (until !== null) {
    const seconds = Number(until);
    if (!/^\d{1,12}$/.test(until) || !Number.isSafeInteger(seconds)) return malformed('Its expiry time is damaged.');
    link.expiresAt = seconds;
  }
  return { ok: true, link };
}

/**
 * The token's first part is its header, readable JSON (the relay host, `ch`, is in it). One that does not decode
 * was damaged on the way: the SDK would fall back to its default relay host and wait there. The rest is sealed,
 * and only the relay can tell whether it was changed.
 */
function hasJsonHeader(token: string): boolean {
  try {
    const base64 = token.slice(0, token.indexOf('.')).replace(/-/g, '+').replace(/_/g, '/');
    const header: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    return typeof header === 'object' && header !== null && !Array.isArray(header);
  } catch {
    return false;
  }
}

function malformed(problem: string): ReadInviteLink {
  return { ok: false, reason: 'malformed', problem };
}

/** A moment for people: "14:05" today, "Nov 28, 14:05" on another day, in the visitor's language. */
export function formatMoment(date: Date, now = new Date()): string {
  const sameDay = date.toDateString() === now.toDateString();
  return date.toLocaleString(undefined, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' });
}
