// The package as npm publishes it (`npm pack`): every shipped form is there, `exports` and the CDN fields point at
// real files, the manifest describes the element, nothing but what users need is packed, and every entry can be
// imported on a server without throwing or defining anything.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { describe, it } from 'node:test';
import { packedPackage, ROOT } from './support/package.ts';

const pkg = packedPackage();
const json = pkg.json as unknown as {
  exports: Record<string, string | Record<string, string>>;
  main: string; module: string; types: string; unpkg: string; jsdelivr: string; customElements: string;
};

/** Every file an `exports` entry (or a field) names, with the condition it is for. */
function exportedFiles(): [string, string][] {
  const files: [string, string][] = [];
  for (const [subpath, target] of Object.entries(json.exports)) {
    if (typeof target === 'string') files.push([subpath, target]);
    else for (const [condition, file] of Object.entries(target)) files.push([`${subpath} (${condition})`, file]);
  }
  return files.filter(([, file]) => !file.includes('*'));
}

interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}
interface Declaration {
  name: string; customElement?: boolean; tagName?: string;
  attributes?: { name: string; fieldName?: string }[];
  members?: { name: string; kind: string; privacy?: string; static?: boolean }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[]; cssProperties?: { name: string }[]; slots?: { name: string }[];
}

describe('the packed package', () => {
  it('holds every shipped form: npm modules with types, the CDN module and classic builds, the wrappers, the manifest, the licence', () => {
    for (const file of [
      'dist/index.js', 'dist/types/index.d.ts', 'dist/index.js.map',
      'dist/wrappers/react.js', 'dist/types/wrappers/react.d.ts', 'dist/wrappers/vue.js', 'dist/types/wrappers/vue.d.ts',
      'dist/cdn/c2c-call-button.js', 'dist/cdn/c2c-call-button.js.map', 'dist/cdn/c2c-call-button.classic.js',
      'custom-elements.json', 'README.md', 'LICENSE',
    ]) {
      assert.ok(existsSync(`${pkg.dir}${file}`), `${file} is packed`);
    }
  });

  it("the React wrapper keeps its 'use client' directive, for React Server Components apps", () => {
    assert.match(readFileSync(`${pkg.dir}dist/wrappers/react.js`, 'utf8'), /^"use client";\n/);
  });

  it('exports, main/module/types, unpkg/jsdelivr and customElements point at packed files', () => {
    const fields: [string, string][] = [
      ['main', json.main], ['module', json.module], ['types', json.types],
      ['unpkg', json.unpkg], ['jsdelivr', json.jsdelivr], ['customElements', json.customElements],
    ];
    for (const [what, file] of [...fields, ...exportedFiles()]) {
      assert.ok(existsSync(`${pkg.dir}${file}`), `${what} → ${file} exists in the package`);
    }
    for (const subpath of ['.', './react', './vue', './cdn/*', './custom-elements.json']) assert.ok(subpath in json.exports, `exports has ${subpath}`);
    assert.equal(json.unpkg, './dist/cdn/c2c-call-button.classic.js', 'a CDN script tag gets the classic build (it runs as a plain <script src>)');
    assert.equal(json.jsdelivr, json.unpkg);
  });

  it('packs no tests, demo, scripts, sources or scratch files', () => {
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [{ files: { path: string }[] }];
    const paths = listing[0].files.map((f) => f.path);
    const allowed = (path: string) => path.startsWith('dist/') || ['README.md', 'LICENSE', 'package.json', 'custom-elements.json'].includes(path);
    assert.deepEqual(paths.filter((path) => !allowed(path)), []);
    assert.ok(!paths.some((path) => /(^|\/)(test|demo|\.scratch|scripts|bench)\//.test(path)));
  });

  it('custom-elements.json describes every attribute, property, method, event, part, custom property and slot', () => {
    const manifest = JSON.parse(readFileSync(`${pkg.dir}custom-elements.json`, 'utf8')) as Manifest;
    const module = manifest.modules.find((m) => m.declarations?.some((d) => d.customElement));
    assert.ok(module, 'a module declares the custom element');
    assert.equal(module.path, 'dist/button/c2c-call-button.js', 'paths point at the built files');
    assert.ok(existsSync(`${pkg.dir}${module.path}`));
    assert.ok(module.exports?.some((e) => e.kind === 'custom-element-definition' && e.name === 'c2c-call-button'));
    const element = module.declarations!.find((d) => d.customElement)!;
    assert.equal(element.tagName, 'c2c-call-button');
    const attributes = Object.fromEntries(element.attributes!.map((a) => [a.name, a.fieldName]));
    assert.deepEqual(attributes, {
      token: 'token', destination: 'destination', space: 'space', 'api-base': 'apiBase', host: 'host',
      video: 'video', label: 'label', disabled: 'disabled', 'user-variables': 'userVariables',
    });
    const publicMembers = element.members!.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static);
    const names = (kind: string) => publicMembers.filter((m) => m.kind === kind).map((m) => m.name).sort();
    assert.deepEqual(names('method'), ['call', 'hangup', 'prepare', 'retry', 'sendDigits', 'toggleMute']);
    for (const property of ['strings', 'timeouts', 'sdk', 'preferredDevices', 'qualityThresholds', 'userVariables', 'state', 'error', 'muted']) {
      assert.ok(names('field').includes(property), `property ${property}`);
    }
    assert.deepEqual(Object.fromEntries(element.events!.map((e) => [e.name, e.type?.text])), {
      'c2c-state-change': 'C2cStateChangeEvent',
      'c2c-before-call': 'C2cBeforeCallEvent',
      'c2c-call-start': 'C2cCallStartEvent',
      'c2c-call-end': 'C2cCallEndEvent',
      'c2c-error': 'C2cErrorEvent',
      'c2c-quality-change': 'C2cQualityChangeEvent',
    });
    // The event classes are described too, with their fields (the detail types).
    const stateChange = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.name === 'C2cStateChangeEvent');
    assert.deepEqual(stateChange?.members?.filter((m) => !m.static).map((m) => m.name).sort(), ['detail', 'previous', 'state']);
    const beforeCall = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.name === 'C2cBeforeCallEvent');
    assert.deepEqual(beforeCall?.members?.filter((m) => !m.static).map((m) => m.name).sort(), ['destination', 'detail', 'userVariables', 'video']);
    const call = publicMembers.find((m) => m.name === 'call') as { parameters?: { name: string; type?: { text: string } }[] } | undefined;
    assert.deepEqual(call?.parameters?.map((p) => [p.name, p.type?.text]), [['options', 'C2cCallOptions']]);
    const parts = element.cssParts!.map((p) => p.name);
    for (const part of ['button', 'icon', 'label', 'status', 'controls', 'timer', 'mute', 'hangup', 'keypad', 'error', 'retry', 'video',
      'devices', 'self-view', 'camera', 'level', 'quality', 'hint', 'help']) {
      assert.ok(parts.includes(part), `part ${part}`);
    }
    assert.deepEqual(element.cssProperties!.map((p) => p.name).sort(), [
      '--c2c-accent', '--c2c-danger', '--c2c-focus-ring', '--c2c-font', '--c2c-font-size', '--c2c-gap', '--c2c-ok',
      '--c2c-on-accent', '--c2c-on-danger', '--c2c-on-surface', '--c2c-radius', '--c2c-shadow', '--c2c-size', '--c2c-surface',
      '--c2c-warn',
    ]);
    assert.deepEqual(element.slots!.map((s) => s.name), ['icon']);
  });

  // Each import in a fresh Node process (no DOM), by package name as a server-side renderer resolves it: from an
  // app whose node_modules holds the packed package (lit, @lit/react and react resolve from the project's).
  for (const specifier of ['c2c-call-button', 'c2c-call-button/react', 'c2c-call-button/vue', 'c2c-call-button/cdn/c2c-call-button.js']) {
    it(`importing ${specifier} on a server does not throw and defines nothing`, () => {
      const app = consumerApp();
      const script = `
        const before = new Set(Object.getOwnPropertyNames(globalThis));
        const module = await import(${JSON.stringify(specifier)});
        const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
        const defined = globalThis.customElements?.get?.('c2c-call-button') !== undefined;
        console.log(JSON.stringify({ exports: Object.keys(module).length, added, defined }));`;
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
      const result = JSON.parse(output.trim().split('\n').pop()!) as { exports: number; added: string[]; defined: boolean };
      assert.ok(result.exports > 0, 'the entry exports its API');
      assert.equal(result.defined, false, 'the element is not defined on the server');
      assert.deepEqual(result.added.filter((name) => !LIT_SERVER_GLOBALS.has(name)), [], 'no globals of ours');
    });
  }
});

/**
 * What Lit's server build adds by itself: its version registries and its DOM shim (an empty `customElements` and
 * the element base classes). Nothing of the element's.
 */
const LIT_SERVER_GLOBALS = new Set([
  'litElementVersions', 'litHtmlVersions', 'reactiveElementVersions', 'litPropertyMetadata', 'litServerRoot',
  'customElements', 'HTMLElement', 'Element', 'CustomElementRegistry', 'ShadowRoot', 'Event', 'CustomEvent', 'EventTarget',
]);

/** A folder that has the packed package in its node_modules, as an app that installed it. */
function consumerApp(): string {
  const app = `${ROOT}.scratch/ship/consumer/`;
  const link = `${app}node_modules/${pkg.json.name}`;
  if (!existsSync(link)) {
    mkdirSync(`${app}node_modules`, { recursive: true });
    symlinkSync(pkg.dir, link, 'dir');
  }
  return app;
}
