/**
 * Where the element talks to, checked before anything is sent: the REST origin (`space` / `api-base`),
 * the relay websocket host (`host`) and the address to call (`destination`). Pure functions, no DOM.
 */
import { C2cError } from '../shared/errors.js';

/** The public embeds origin, used when neither `space` nor `api-base` is given. */
export const DEFAULT_API_BASE = 'https://embeds.signalwire.com';

const SPACE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}(?::\d{1,5})?$/i;

/** True for hosts that never leave this machine, the only ones allowed over plain http/ws. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function parseUrl(value: string, what: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new C2cError('config-invalid', `${what} "${value}" is not a URL.`);
  }
}

/**
 * A host name (labels of letters, digits and hyphens), an IPv4 address or a bracketed IPv6 one. Needed beside the
 * URL parser: Chromium's takes `wss://not a host` and percent-encodes the spaces into the host.
 */
const URL_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/i;

/** `https://` anywhere, `http://` on loopback only; credentials, query and fragment are refused. */
function checkOrigin(url: URL, what: string, secure: string, plain: string): void {
  if (!URL_HOST.test(url.hostname)) throw new C2cError('config-invalid', `${what} does not name a host.`);
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== secure && scheme !== plain) {
    throw new C2cError('config-invalid', `${what} must use ${secure}: (or ${plain}: on this machine), not ${scheme}:.`);
  }
  if (scheme === plain && !isLoopbackHost(url.hostname)) {
    throw new C2cError('config-invalid', `${what} may use ${plain}: only for a loopback host; use ${secure}: for ${url.hostname}.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new C2cError('config-invalid', `${what} must be a plain origin, without credentials, query or fragment.`);
  }
}

/** The host of a space: `example` → `example.signalwire.com`; a full host is kept. */
export function spaceHost(space: string): string {
  const trimmed = space.trim();
  if (SPACE_NAME.test(trimmed)) return `${trimmed.toLowerCase()}.signalwire.com`;
  if (HOST_NAME.test(trimmed)) return trimmed.toLowerCase();
  throw new C2cError('config-invalid', `space "${space}" is neither a space name nor a host name.`);
}

export interface ApiBaseInput {
  apiBase?: string | null | undefined;
  space?: string | null | undefined;
}

/**
 * The origin REST calls go to, without a trailing slash. `api-base` wins over `space`; with neither,
 * the public embeds origin.
 */
export function resolveApiBase({ apiBase, space }: ApiBaseInput): string {
  if (apiBase) {
    const url = parseUrl(apiBase.trim(), 'api-base');
    checkOrigin(url, 'api-base', 'https', 'http');
    // A path prefix is allowed (a proxy mounted under /signalwire), a trailing slash is not needed.
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  if (space) return `https://${spaceHost(space)}`;
  return DEFAULT_API_BASE;
}

/** The relay host override, checked: `wss://` anywhere, `ws://` on loopback only. A bare host means wss. */
export function resolveRelayHost(host: string | null | undefined): string | undefined {
  const trimmed = host?.trim();
  if (!trimmed) return undefined;
  const url = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `wss://${trimmed}`, 'host');
  checkOrigin(url, 'host', 'wss', 'ws');
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new C2cError('config-invalid', 'host must be a websocket origin, without a path.');
  }
  return url.origin;
}

/** The longest destination accepted: every address, E.164 number and SIP URI a space routes fits well within it. */
export const MAX_DESTINATION_LENGTH = 256;

/** Fabric resource addresses (`/public/support`, `/private/sales?channel=video`), E.164 numbers and SIP URIs. */
const ADDRESS = /^\/[\w.-]{1,64}\/[\w.@+~-]{1,128}(?:\?channel=(?:audio|video))?$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const SIP = /^sips?:[\w.!~*'()&=+$,;?/%-]+@[\w.-]+(?::(\d{1,5}))?$/i;

function isSipUri(value: string): boolean {
  const match = SIP.exec(value);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65_535);
}

/**
 * The destination, trimmed, or `destination-invalid`: empty, longer than `MAX_DESTINATION_LENGTH`, or not an address,
 * an E.164 number or a SIP URI (spaces, control characters, other schemes such as `javascript:` or `tel:`).
 */
export function checkDestination(destination: string | null | undefined): string {
  const value = typeof destination === 'string' ? destination.trim() : '';
  if (!value) throw new C2cError('destination-invalid', 'destination is required, e.g. "/public/support".');
  if (value.length > MAX_DESTINATION_LENGTH) {
    throw new C2cError('destination-invalid', `destination is ${value.length} characters long; at most ${MAX_DESTINATION_LENGTH} are accepted.`);
  }
  if (!ADDRESS.test(value) && !E164.test(value) && !isSipUri(value)) {
    throw new C2cError('destination-invalid', `destination "${value.slice(0, 80)}" is not an address like "/public/support", an E.164 number or a SIP URI.`);
  }
  return value;
}
