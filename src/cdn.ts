/**
 * The CDN build's entry (`dist/cdn/c2c-call-button.js`): importing it defines `<c2c-call-button>`. Only what
 * the idle button needs is in it. The call machinery, the in-call view and the SDK are chunks beside it, imported
 * on intent and found relative to this module's own URL, so the folder works from any path. `exchangeToken` and
 * `createInviteToken` are the npm build's: a page that needs them has a bundler.
 */
import { defineC2cCallButton } from './define.js';

export { C2cCallButton } from './button/c2c-call-button.js';
export { defineC2cCallButton } from './define.js';
export { C2cState } from './shared/call-state.js';
export { C2cError } from './shared/errors.js';

defineC2cCallButton();
