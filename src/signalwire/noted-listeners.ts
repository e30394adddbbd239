/**
 * Listeners @signalwire/js adds to browser objects and never takes off, noted so that the adapter can: the `ended`
 * listener on every track a call sends (`local-media.ts`), and the listeners on a call's peer connection and on the
 * tracks it receives (`guardPeers` in `sdk-internals.ts`). Each object noted gets an `addEventListener` of its own,
 * on that one object, which notes the listener and adds it as before; nothing on a prototype, nothing on `window`.
 */

interface Noted {
  target: EventTarget;
  type: string;
  listener: EventListenerOrEventListenerObject;
  capture: boolean;
}

type AddEventListener = EventTarget['addEventListener'];

export class NotedListeners {
  private readonly noted: Noted[] = [];
  private readonly targets = new Set<EventTarget>();

  /**
   * From now on, the listeners added to `target` (of one of `types`, or of any type) are noted. The note holds the
   * listeners until `takeOff`, nothing else of whoever added them.
   */
  note(target: EventTarget, types?: readonly string[]): void {
    if (this.targets.has(target) || typeof target.addEventListener !== 'function') return;
    this.targets.add(target);
    const add = target.addEventListener;
    const noted = this.noted;
    const own: AddEventListener = function addEventListener(this: EventTarget, type, listener, options) {
      const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
      const known = (n: Noted) => n.target === this && n.type === type && n.listener === listener && n.capture === capture;
      if (listener && (!types || types.includes(type)) && !noted.some(known)) noted.push({ target: this, type, listener, capture });
      add.call(this, type, listener, options);
    };
    Object.defineProperty(target, 'addEventListener', { configurable: true, writable: true, value: own });
  }

  /**
   * Takes off every listener noted, and the `on…` handlers of the objects noted (an `onended` set on a track holds as
   * much as a listener); the objects get their own `addEventListener` back.
   */
  takeOff(): void {
    for (const { target, type, listener, capture } of this.noted.splice(0)) target.removeEventListener(type, listener, capture);
    for (const target of this.targets) {
      delete (target as Partial<Record<'addEventListener', unknown>>).addEventListener;
      for (const key in target) {
        const handlers = target as unknown as Record<string, unknown>;
        if (key.startsWith('on') && typeof handlers[key] === 'function') handlers[key] = null;
      }
    }
    this.targets.clear();
  }
}
