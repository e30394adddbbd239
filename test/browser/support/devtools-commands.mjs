// A web-test-runner command that reads, through the Chrome DevTools Protocol, what a page cannot see of itself:
// the event listeners on an object (once-listeners, capture and all, whoever added them), the used JS heap after
// garbage collection, and the renderer's DOM nodes and listeners. The page side is test/browser/support/devtools.ts.
//
//   executeServerCommand('c2c-devtools', { read: 'listeners', expression: 'window', subtree?: boolean })
//     → [{ type, useCapture, once, handler }] on what `expression` evaluates to (with its subtree and shadow roots)
//   executeServerCommand('c2c-devtools', { read: 'memory' })
//     → { heapUsedBytes, nodes, jsEventListeners, documents } after two garbage collections
//   executeServerCommand('c2c-devtools', { read: 'memory', code: true })
//     → the same and codeBytes: how much of the heap is compiled code (from a heap snapshot)

import { compiledCodeBytes } from '../../../scripts/compiled-code.mjs';

/** One DevTools session per test page. */
const sessions = new Map();

async function devtools(page) {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
    page.once('close', () => sessions.delete(page));
  }
  return session;
}

async function listeners(cdp, expression, subtree) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression });
  if (exceptionDetails || !result.objectId) throw new Error(`c2c-devtools: ${expression} is not an object`);
  try {
    const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, ...(subtree ? { depth: -1, pierce: true } : {}) });
    return found.listeners.map(({ type, useCapture, once, handler, lineNumber, columnNumber, scriptId }) => ({
      type, useCapture, once,
      // Where the listener's function was written: tells two listeners of one type apart across reads.
      at: `${scriptId}:${lineNumber}:${columnNumber}`,
      handler: String(handler?.description ?? '').slice(0, 160),
    }));
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
}

async function memory(cdp, withCode) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  return { heapUsedBytes: usedSize, documents, nodes, jsEventListeners, ...(withCode ? { codeBytes: await compiledCodeBytes(cdp) } : {}) };
}

export function devtoolsCommands() {
  return {
    name: 'c2c-devtools',
    async executeCommand({ command, payload, session }) {
      if (command !== 'c2c-devtools') return undefined;
      if (session.browser.type !== 'playwright') throw new Error('c2c-devtools needs the Playwright launcher');
      const cdp = await devtools(session.browser.getPage(session.id));
      if (payload?.read === 'listeners') return listeners(cdp, String(payload.expression), Boolean(payload.subtree));
      if (payload?.read === 'memory') return memory(cdp, Boolean(payload.code));
      throw new Error(`c2c-devtools: unknown read ${JSON.stringify(payload?.read)}`);
    },
  };
}
