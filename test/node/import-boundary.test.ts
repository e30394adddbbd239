// The page-load / on-intent split, read off the real import graph (esbuild bundles the entries and reports every
// import it kept; type-only imports are erased, as in every build). What loads with the page lives in `button/` and
// `i18n/`; what loads on intent in `call/`, `in-call/`, `network/` and the SignalWire adapter, `signalwire/`;
// `shared/` and `events/` serve both. A page-load file reaches the on-intent folders only through the one lazy
// `import()` each, and nothing but the lazy loader reaches the adapter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build, type Metafile } from 'esbuild';

const PAGE_LOAD = ['src/button/', 'src/i18n/'];
const ON_INTENT = ['src/call/', 'src/in-call/', 'src/network/', 'src/signalwire/'];
const SHARED = ['src/shared/', 'src/events/'];
const ENTRIES = ['src/index.ts', 'src/cdn.ts', 'src/wrappers/react.ts', 'src/wrappers/vue.ts'];

/** The one lazy `import()` into each on-intent folder, from the page-load file that owns it. */
const LAZY_LOADERS = [
  'src/button/call-controller.ts → src/call/call-engine.ts',
  'src/button/c2c-call-button.ts → src/in-call/in-call-view.ts',
  'src/button/signalwire-loader.ts → src/signalwire/signalwire-sdk.ts',
];

interface Arrow {
  from: string;
  to: string;
  lazy: boolean;
}

async function importGraph(entryPoints: string[]): Promise<Metafile> {
  const result = await build({
    entryPoints, bundle: true, splitting: true, format: 'esm', metafile: true, write: false, outdir: 'out',
    external: ['lit', 'lit/*', '@lit/*', '@signalwire/*', 'react', 'react/*', 'vue'], logLevel: 'silent', tsconfig: 'tsconfig.json',
  });
  return result.metafile;
}

function arrows(metafile: Metafile): Arrow[] {
  return Object.entries(metafile.inputs).flatMap(([from, input]) =>
    input.imports.filter((i) => i.path.startsWith('src/')).map((i) => ({ from, to: i.path, lazy: i.kind === 'dynamic-import' })));
}

const within = (folders: string[]) => (file: string) => folders.some((folder) => file.startsWith(folder));
const show = (arrow: Arrow) => `${arrow.from} → ${arrow.to}${arrow.lazy ? ' (lazy)' : ''}`;

/** Every arrow that breaks the split; empty when the graph keeps it. */
function boundaryViolations(graph: Arrow[]): string[] {
  const pageLoad = within(PAGE_LOAD);
  const onIntent = within(ON_INTENT);
  const shared = within(SHARED);
  const problems: string[] = [];
  for (const arrow of graph) {
    const name = `${arrow.from} → ${arrow.to}`;
    if (pageLoad(arrow.from) && onIntent(arrow.to) && !(arrow.lazy && LAZY_LOADERS.includes(name))) {
      problems.push(`page load reaches on-intent code: ${show(arrow)}`);
    }
    if (shared(arrow.from) && !shared(arrow.to)) problems.push(`shared code depends on one side: ${show(arrow)}`);
    if (arrow.to.startsWith('src/signalwire/') && !arrow.from.startsWith('src/signalwire/') && !LAZY_LOADERS.includes(name)) {
      problems.push(`the SignalWire adapter is reached other than through its loader: ${show(arrow)}`);
    }
  }
  return problems;
}

/** The files a page runs when `entry` loads, before any lazy `import()`. */
function staticClosure(graph: Arrow[], entry: string): Set<string> {
  const seen = new Set([entry]);
  for (const file of seen) for (const arrow of graph) if (arrow.from === file && !arrow.lazy) seen.add(arrow.to);
  return seen;
}

describe('the page-load / on-intent split, in the import graph', () => {
  it('has no arrow from page load into the on-intent folders but the three lazy loaders, and shared code takes no side', async () => {
    const graph = arrows(await importGraph(ENTRIES));
    assert.ok(graph.length > 50, `the graph was read (${graph.length} arrows)`);
    assert.deepEqual(boundaryViolations(graph), []);
    const lazyIntoIntent = graph.filter((a) => a.lazy && within(ON_INTENT)(a.to)).map((a) => `${a.from} → ${a.to}`);
    assert.deepEqual(lazyIntoIntent.sort(), [...LAZY_LOADERS].sort(), 'each on-intent folder is reached by one lazy import()');
  });

  it('loads no on-intent file with the CDN entry, before intent', async () => {
    const graph = arrows(await importGraph(['src/cdn.ts']));
    const loaded = [...staticClosure(graph, 'src/cdn.ts')];
    assert.deepEqual(loaded.filter(within(ON_INTENT)), []);
    assert.ok(loaded.includes('src/button/c2c-call-button.ts') && loaded.includes('src/button/call-controller.ts'), loaded.join(', '));
  });

  it('only the adapter imports @signalwire/js', async () => {
    const metafile = await importGraph(ENTRIES);
    const importers = Object.entries(metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => i.path.startsWith('@signalwire/')))
      .map(([file]) => file);
    assert.deepEqual(importers, ['src/signalwire/signalwire-sdk.ts']);
  });

  it('names the arrow when one breaks the split (the check itself can fail)', () => {
    assert.deepEqual(boundaryViolations([
      { from: 'src/button/c2c-call-button.ts', to: 'src/in-call/device-menu.ts', lazy: false },
      { from: 'src/button/c2c-call-button.ts', to: 'src/call/call-session.ts', lazy: true },
      { from: 'src/shared/errors.ts', to: 'src/button/english.ts', lazy: false },
      { from: 'src/in-call/device-menu.ts', to: 'src/signalwire/local-media.ts', lazy: false },
    ]), [
      'page load reaches on-intent code: src/button/c2c-call-button.ts → src/in-call/device-menu.ts',
      'page load reaches on-intent code: src/button/c2c-call-button.ts → src/call/call-session.ts (lazy)',
      'shared code depends on one side: src/shared/errors.ts → src/button/english.ts',
      'the SignalWire adapter is reached other than through its loader: src/in-call/device-menu.ts → src/signalwire/local-media.ts',
    ]);
  });
});
