/**
 * `c2c-call-button/vue`: types `<c2c-call-button>` in Vue 3 templates (props and events), and tells Vue's
 * template compiler it is a custom element. Importing it defines the element.
 *
 * ```ts
 * import { isC2cElement } from 'c2c-call-button/vue';
 * // vite.config: vue({ template: { compilerOptions: { isCustomElement: isC2cElement } } })
 * // runtime template compiler: app.config.compilerOptions.isCustomElement = isC2cElement
 * ```
 * ```vue
 * <c2c-call-button :token="token" destination="/public/support" @c2c-call-end="onEnd" />
 * ```
 *
 * Vue sets every binding the element has a property for as that property, so `:strings="{ call: 'Llamar' }"`
 * passes an object, and `@c2c-call-end` listens to the element's event (typed as `onC2cCallEnd`). A kebab-case name
 * is not a property name: `:userVariables="{ orderId }"` passes an object, `user-variables` takes JSON text.
 */
import type { DefineComponent } from 'vue';
import { defineC2cCallButton } from '../define.js';
import type { C2cCallButton } from '../button/c2c-call-button.js';
import type { C2cCallButtonEventProps, C2cCallButtonSettings } from './event-props.js';

// Called, not imported for its side effect: a bare `import '../index.js'` is dropped by any bundler that takes a
// module for side-effect free (as our own build did before package.json listed the sources), and the element would
// never be defined.
// Where there is no `customElements` it does nothing.
defineC2cCallButton();

/** The element's class, for a template ref: `useTemplateRef<C2cCallButtonElement>('button')`. */
export type { C2cCallButton as C2cCallButtonElement };

/**
 * For `compilerOptions.isCustomElement`: true for this package's tag. With other custom elements of your own,
 * combine it: `isCustomElement: (tag) => isC2cElement(tag) || tag.startsWith('my-')`.
 */
export function isC2cElement(tag: string): boolean {
  return tag === 'c2c-call-button';
}

/** The element's props and its events (Vue types `@c2c-state-change` as `onC2cStateChange`). */
export interface C2cCallButtonVueProps extends Omit<C2cCallButtonSettings, 'sdk'>, C2cCallButtonEventProps {
  'api-base'?: string;
  /**
   * JSON text, which Vue sets as the attribute (Vue sets a binding as a property only under the property's own name:
   * bind an object as `:userVariables="{ orderId }"`).
   */
  'user-variables'?: string;
}

declare module 'vue' {
  interface GlobalComponents {
    'c2c-call-button': DefineComponent<C2cCallButtonVueProps>;
  }
}
