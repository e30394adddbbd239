// The bytes of compiled code in a page's JS heap, read from a heap snapshot through the Chrome DevTools Protocol.
// V8 compiles more of a page's code as it gets hot (optimised code, feedback), which grows the heap over the first
// calls without anything being held by the page: the endurance test and the bench's endurance step set it aside.

/**
 * A heap snapshot of the page, parsed (`{ snapshot: { meta }, nodes, edges, strings }`).
 * @param {{ send(method: string, params?: object): Promise<any>, on(event: string, fn: Function): void, off(event: string, fn: Function): void }} cdp
 */
export async function takeHeapSnapshot(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return JSON.parse(chunks.join(''));
}

/** The bytes of compiled code in a parsed heap snapshot. */
export function codeBytesIn({ snapshot: { meta }, nodes }) {
  const width = meta.node_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const code = meta.node_types[0].indexOf('code');
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += width) if (nodes[i + typeAt] === code) bytes += nodes[i + sizeAt];
  return bytes;
}

/** @param {Parameters<typeof takeHeapSnapshot>[0]} cdp */
export async function compiledCodeBytes(cdp) {
  return codeBytesIn(await takeHeapSnapshot(cdp));
}
