/** English strings of the page-load views: the button and the call being set up. Ships with the page. */
import type { C2cPageStrings } from '../i18n/strings.js';

export const enPageStrings: C2cPageStrings = {
  call: 'Call',
  callAgain: 'Call again',
  cancel: 'Cancel call',
  hangup: 'Hang up',
  retry: 'Try again',
  authorizing: 'Preparing your call…',
  connecting: 'Connecting…',
  ringing: 'Ringing…',
  active: 'In call',
  reconnecting: 'Connection lost, reconnecting…',
  ending: 'Hanging up…',
  ended: 'Call ended',
  unsupportedInsecure: 'Calls need a secure (https) page.',
  unsupportedBrowser: 'This browser cannot make calls. Try a recent Chrome, Edge, Firefox or Safari.',
  offline: 'Could not connect. Check your internet connection and try again.',
};
