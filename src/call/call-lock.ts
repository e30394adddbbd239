/**
 * One call at a time on a page: a second button (or a second copy of the element) gets `call-in-progress`
 * instead of opening a second microphone. Module state, not a global on `window`.
 */
export interface CallLock {
  /** Takes the lock for `owner`; false when another owner holds it. Taking it twice is fine. */
  acquire(owner: object): boolean;
  /** Gives the lock back, if `owner` holds it. */
  release(owner: object): void;
}

export function createCallLock(): CallLock {
  let holder: object | null = null;
  return {
    acquire(owner) {
      if (holder !== null && holder !== owner) return false;
      holder = owner;
      return true;
    },
    release(owner) {
      if (holder === owner) holder = null;
    },
  };
}

/** The lock shared by every button this module defines on the page. */
export const pageCallLock: CallLock = createCallLock();
