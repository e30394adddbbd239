// "Share a call link": as the emulator's demo subscriber, make an invite for one of their addresses with
// `createInviteToken`, and show the link to demo/invite.html that carries it (in the fragment) with a copy button.
// The subscriber token comes from the emulator's loopback-only demo endpoint and stays in this page's memory.
import { C2cError, createInviteToken } from '../src/index.ts';
import { emulatorOrigin } from './event-log.ts';
import { formatMoment, inviteLinkUrl } from './invite-link.ts';

/** The API's lifetime of an invite made without `expires_at` (documented as "two hours from now"). */
const DEFAULT_LIFETIME_S = 2 * 60 * 60;
const LIFETIME_NAMES: Record<string, string> = { 300: '5 minutes', 3600: '1 hour', default: '2 hours', 86400: '1 day' };

interface Address {
  id: string;
  name: string;
  description: string;
}

const form = document.querySelector<HTMLFormElement>('#share')!;
const addressList = document.querySelector<HTMLFieldSetElement>('#addresses')!;
const addressNote = document.querySelector<HTMLElement>('#addresses-note')!;
const create = document.querySelector<HTMLButtonElement>('#create')!;
const createStatus = document.querySelector<HTMLElement>('#create-status')!;
const mode = document.querySelector<HTMLElement>('#mode')!;
const shareError = document.querySelector<HTMLElement>('#share-error')!;
const result = document.querySelector<HTMLElement>('#result')!;
const summary = document.querySelector<HTMLElement>('#result-summary')!;
const linkField = document.querySelector<HTMLInputElement>('#link')!;
const copy = document.querySelector<HTMLButtonElement>('#copy')!;
const copyStatus = document.querySelector<HTMLElement>('#copy-status')!;
const openLink = document.querySelector<HTMLAnchorElement>('#open-link')!;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The subscriber's addresses, from the emulator's description of itself (`GET /`). */
async function loadAddresses(origin: string): Promise<Address[]> {
  const description = await getJson<{ addresses?: Address[] }>(`${origin}/`);
  if (!Array.isArray(description.addresses) || description.addresses.length === 0) throw new Error(`${origin}/ lists no addresses`);
  return description.addresses;
}

function renderAddresses(addresses: Address[]): void {
  const labels = addresses.map((address, index) => {
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'address';
    input.value = address.id;
    input.checked = address.name === '/public/echo' || (index === 0 && !addresses.some((a) => a.name === '/public/echo'));
    const small = document.createElement('small');
    small.textContent = address.description;
    const label = document.createElement('label');
    label.append(input, ` ${address.name} `, small);
    return label;
  });
  addressNote.textContent = 'The demo subscriber\'s addresses. The invite is made for one address\'s id (a uuid) and calls only that address.';
  addressList.append(...labels);
}

/** Holds the signed-in subscriber's token, as their app would; asks for a new one when the space refuses it. */
class Subscriber {
  private token?: Promise<string>;

  constructor(private readonly origin: string) {}

  get(): Promise<string> {
    this.token ??= getJson<{ token: string }>(`${this.origin}/__demo/subscriber-token`).then((body) => body.token);
    this.token.catch(() => (this.token = undefined));
    return this.token;
  }

  forget(): void {
    this.token = undefined;
  }
}

/** What went wrong, for the subscriber making the link, and the code for the developer beside it. */
function explain(error: unknown): string {
  if (!(error instanceof C2cError)) return `The link could not be made: ${String(error)}`;
  const because: Partial<Record<string, string>> = {
    'token-invalid': 'The space did not accept your subscriber token. Reload the page to sign in again.',
    'token-missing': 'You are not signed in: there is no subscriber token. Reload the page.',
    'address-not-found': 'The space does not know this address any more. Reload the page to list your addresses again.',
    'invite-invalid': 'The space refused the address or the lifetime of the link.',
    'exchange-failed': 'The space did not answer as it should. Try again.',
    network: 'The space could not be reached. Check that the demo is running, then try again.',
    timeout: 'The space took too long to answer. Try again.',
  };
  const status = error.status ? `, HTTP ${error.status}` : '';
  return `${because[error.code] ?? 'The link could not be made.'} (${error.code}${status})`;
}

function showLink(link: string, address: Address, expiresAt: number, lifetime: string): void {
  linkField.value = link;
  openLink.href = link;
  const until = new Date(expiresAt * 1000);
  summary.textContent = `Calls ${address.name} (address id ${address.id}). Works for ${LIFETIME_NAMES[lifetime] ?? lifetime}, until ${formatMoment(until)}.`;
  copyStatus.textContent = '';
  result.hidden = false;
}

async function copyLink(): Promise<void> {
  copyStatus.textContent = '';
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(linkField.value);
    copyStatus.textContent = 'Copied. Paste it where you want to share it.';
    copyStatus.dataset.kind = 'done';
  } catch {
    // Denied (no permission, not focused) or not available: leave it ready for the keyboard's copy.
    linkField.focus();
    linkField.select();
    const keys = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘C' : 'Ctrl+C';
    copyStatus.textContent = `This browser did not let the page copy. The link is selected: press ${keys} to copy it.`;
    copyStatus.dataset.kind = 'fallback';
  }
}

async function main(): Promise<void> {
  const origin = await emulatorOrigin();
  const subscriber = new Subscriber(origin);
  let addresses: Address[];
  try {
    [addresses] = await Promise.all([loadAddresses(origin), subscriber.get()]);
  } catch (error) {
    mode.textContent = `No local space emulator at ${origin}.`;
    addressNote.textContent = 'No addresses: the emulator did not answer.';
    shareError.textContent = `This page needs the local space emulator: start the demo with "npm run demo". (${String(error)})`;
    shareError.hidden = false;
    return;
  }
  renderAddresses(addresses);
  mode.textContent = `Local space emulator at ${origin}, signed in as the demo subscriber`;
  create.disabled = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const address = addresses.find((entry) => entry.id === data.get('address'));
    const lifetime = String(data.get('lifetime'));
    if (!address) return;
    create.disabled = true;
    shareError.hidden = true;
    createStatus.textContent = 'Creating the link…';
    // Without a lifetime the API's default applies; the link still says when it ends, for the visitor to read.
    const seconds = lifetime === 'default' ? undefined : Number(lifetime);
    const expiresAt = Math.floor(Date.now() / 1000) + (seconds ?? DEFAULT_LIFETIME_S);
    const make = async () => createInviteToken({
      apiBase: origin,
      subscriberToken: await subscriber.get(),
      addressId: address.id,
      ...(seconds === undefined ? {} : { expiresAt }),
    });
    try {
      let invite: string;
      try {
        invite = await make();
      } catch (error) {
        // The subscriber token may have expired (it lives 2 h) or the emulator restarted: sign in again, once.
        if (!(error instanceof C2cError && error.code === 'token-invalid')) throw error;
        subscriber.forget();
        invite = await make();
      }
      const link = inviteLinkUrl(new URL('invite.html', location.href), { invite, destination: address.name, expiresAt });
      showLink(link, address, expiresAt, lifetime);
      createStatus.textContent = `Link created for ${address.name}.`;
    } catch (error) {
      createStatus.textContent = '';
      shareError.textContent = explain(error);
      shareError.hidden = false;
    } finally {
      create.disabled = false;
    }
  });
  copy.addEventListener('click', () => void copyLink());
}

void main();
