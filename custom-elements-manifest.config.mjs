// `npm run build` → custom-elements.json, generated from the JSDoc on the element (attributes, properties, methods,
// events with their types, parts, custom properties, slot). Editors, Storybook and framework tooling read it.
// Module paths point at the built files in dist/ (one per source file), which is what an installed package has.
const toDist = (path) => path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

export default {
  globs: ['src/button/c2c-call-button.ts', 'src/events/*.ts', 'src/shared/errors.ts', 'src/shared/call-state.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false, // package.json's customElements field is written by hand
  plugins: [
    {
      name: 'dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.path = toDist(module.path);
          // The element is defined by the package's entry (define.ts), under this tag.
          for (const declaration of module.declarations ?? []) {
            if (declaration.customElement && declaration.tagName && !module.exports?.some((e) => e.kind === 'custom-element-definition')) {
              module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: declaration.tagName, declaration: { name: declaration.name, module: toDist(module.path) } }];
            }
          }
          for (const item of [...(module.exports ?? []), ...(module.declarations ?? [])]) {
            if (item.declaration?.module) item.declaration.module = toDist(item.declaration.module);
            for (const member of item.members ?? []) if (member.inheritedFrom?.module) member.inheritedFrom.module = toDist(member.inheritedFrom.module);
            if (item.superclass?.module) item.superclass.module = toDist(item.superclass.module);
          }
        }
      },
    },
  ],
};
