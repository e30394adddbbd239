// Vue's full build for browsers (runtime + template compiler), as the Vue browser test imports it: the same API as 'vue'.
declare module 'vue/dist/vue.esm-browser.js' {
  export * from 'vue';
}
