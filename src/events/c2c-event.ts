/**
 * The base of every event of the element: `bubbles` and `composed`, so it crosses shadow roots, with its fields on
 * the event itself and mirrored in a frozen `detail` for frameworks that read only that. One file per event
 * (`c2c-<name>.ts`): the page-load code imports the ones it dispatches, the call's code the others.
 */
export abstract class C2cEvent<Detail extends object> extends Event {
  readonly detail: Readonly<Detail>;
  protected constructor(type: string, detail: Detail, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = Object.freeze(detail);
    Object.assign(this, detail);
  }
}
