// The page behind a call link (made on demo/share.html). It reads the invite and the address from the fragment,
// removes the fragment from the address bar at once, and shows a <c2c-call-button> that calls exactly that address
// with that invite, used as-is (no exchange, no api-base: the relay host rides in the invite token itself).
// A link without its fragment, or with a damaged one, gets a message instead of a button that cannot work.
import '../src/index.ts';
import type { C2cCallButton } from '../src/index.ts';
import { logEvents } from './event-log.ts';
import { formatMoment, readInviteFragment, type InviteLink } from './invite-link.ts';

const mode = document.querySelector<HTMLElement>('#mode')!;
const invitation = document.querySelector<HTMLElement>('#invitation')!;
const problem = document.querySelector<HTMLElement>('#problem')!;
const stage = document.querySelector<HTMLElement>('#stage')!;
const hint = document.querySelector<HTMLElement>('#hint')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

/** The fragment, taken out of the address bar and this history entry: from now on it lives in memory only. */
function takeFragment(): string {
  const { hash } = location;
  if (hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return hash;
}

/** Reloaded, or come back to through the history: an address this page has already taken the fragment from. */
function cameBack(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation?.type === 'reload' || navigation?.type === 'back_forward';
}

/** "in 5 minutes", "in 1 hour", "in 1.5 hours", "in 1 day", in the visitor's language. */
function fromNow(ms: number): string {
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'long' });
  const minutes = Math.round(ms / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 6) / 10;
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 2.4) / 10, 'day');
}

function timeElement(date: Date): HTMLTimeElement {
  const time = document.createElement('time');
  time.dateTime = date.toISOString();
  time.textContent = formatMoment(date);
  return time;
}

function expired(link: InviteLink): boolean {
  return link.expiresAt !== undefined && link.expiresAt * 1000 <= Date.now();
}

function describeExpiry(link: InviteLink): void {
  const expiry = document.querySelector<HTMLElement>('#expiry')!;
  if (link.expiresAt === undefined) {
    expiry.textContent = 'The link does not say until when the invitation works.';
    return;
  }
  const until = new Date(link.expiresAt * 1000);
  if (expired(link)) {
    expiry.replaceChildren('The invitation expired at ', timeElement(until), '. Ask whoever sent you the link for a new one.');
  } else {
    expiry.replaceChildren('The invitation works until ', timeElement(until), ` (${fromNow(until.getTime() - Date.now())}).`);
  }
}

function showProblem(text: string): void {
  stage.replaceChildren();
  stage.hidden = true;
  invitation.hidden = true;
  hint.hidden = true;
  document.querySelector('#problem-text')!.textContent = text;
  problem.hidden = false;
  mode.textContent = 'No call can be made from this link.';
}

function showInvitation(link: InviteLink): void {
  problem.hidden = true;
  hint.hidden = true;
  document.querySelector('#destination')!.textContent = link.destination;
  describeExpiry(link);
  invitation.hidden = false;

  // The invite goes in as a property, not an attribute: it stays out of the DOM.
  const button = document.createElement('c2c-call-button') as C2cCallButton;
  button.id = 'button';
  button.setAttribute('destination', link.destination);
  button.token = link.invite;
  logEvents(button, log);
  button.addEventListener('c2c-state-change', (event) => {
    if (event.state === 'authorizing') hint.hidden = true;
  });
  button.addEventListener('c2c-error', (event) => {
    // The relay refuses an expired invite like any invalid token; the link knows when it expired, so say so.
    if (event.code === 'token-invalid' && expired(link)) {
      describeExpiry(link);
      hint.replaceChildren('The invitation expired at ', timeElement(new Date(link.expiresAt! * 1000)),
        '. Ask whoever sent you the link for a new one.');
      hint.hidden = false;
    }
  });
  stage.replaceChildren(button); // a button already here leaves the page, and its call ends
  stage.hidden = false;
  mode.textContent = `Calling ${link.destination} with an invitation`;
}

function show(hash: string): void {
  const read = readInviteFragment(hash);
  if (read.ok) {
    showInvitation(read.link);
  } else if (read.reason === 'missing') {
    showProblem(cameBack()
      ? 'This page removes the invitation from the address bar once it has read it, so coming back to this page cannot read it again. Open the link you were given again.'
      : 'This page needs a call link to work, and the address it was opened with has none. Open the whole link you were given.');
  } else {
    showProblem(`This call link cannot be used. ${read.problem}`);
  }
}

show(takeFragment());
// Another link pasted into this tab's address bar changes only the fragment: read that one.
window.addEventListener('hashchange', () => {
  const hash = takeFragment();
  if (hash) show(hash);
});
document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());
