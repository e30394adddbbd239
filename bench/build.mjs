// Step 1 of `npm run bench`: the element as a page would load it from a CDN, one ES module entry with lit
// bundled in and @signalwire/js split into its own lazily imported chunk. Reports what a page downloads up
// front and what it downloads only on intent (hover, focus or click), raw, gzip (level 9) and brotli.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_DIR = fileURLToPath(new URL('../.scratch/bench-build/', import.meta.url));
export const ENTRY_FILE = 'c2c-call-button.js';

function sizes(code) {
  const bytes = Buffer.from(code);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

function total(files) {
  return files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

/** Builds into BUILD_DIR; returns the chunks loaded on page load and those loaded only on intent. */
export async function buildBundle() {
  await rm(BUILD_DIR, { recursive: true, force: true });
  const output = await build({
    root: ROOT,
    configFile: false, // not vite.config.ts: that one leaves lit and the SDK external for the npm package
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: BUILD_DIR,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      // Not library mode: Vite leaves whitespace in an ES library (to keep pure annotations), no CDN file would.
      modulePreload: false,
      rolldownOptions: {
        input: { entry: 'src/index.ts' },
        preserveEntrySignatures: 'exports-only',
        output: { format: 'es', entryFileNames: ENTRY_FILE, chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  const chunks = (Array.isArray(output) ? output.flatMap((o) => o.output) : output.output).filter((c) => c.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));

  // Up front: the entry and everything it imports statically. On intent: the rest, reached by import().
  const upFront = new Set();
  const visit = (name) => {
    if (upFront.has(name)) return;
    upFront.add(name);
    byName.get(name)?.imports.forEach(visit);
  };
  chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));

  const describe = (c) => ({ file: c.fileName, ...sizes(c.code) });
  const entry = chunks.filter((c) => upFront.has(c.fileName)).map(describe);
  const intent = chunks.filter((c) => !upFront.has(c.fileName)).map(describe);
  const sdkChunk = intent.find((c) => byName.get(c.file).moduleIds.some((id) => id.includes('/@signalwire/js/')));
  return {
    outDir: BUILD_DIR,
    entryFile: ENTRY_FILE,
    upFront: { files: entry, total: total(entry) },
    onIntent: { files: intent, total: total(intent), sdkChunk: sdkChunk?.file ?? null },
    litBundled: chunks.some((c) => upFront.has(c.fileName) && c.moduleIds.some((id) => /\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id))),
  };
}
