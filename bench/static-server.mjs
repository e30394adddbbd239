// A tiny static server for the production build: the bench page plus the built chunks, on a free port.
// It records the files each page asked for, so the report can say which chunks loaded when.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };

/**
 * @param {{ root: string, pages: Record<string, string> }} options pages: path → HTML served as-is
 * @returns {Promise<{ origin: string, requests: string[], close(): Promise<void> }>}
 */
export async function serveStatic({ root, pages }) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    if (pages[path] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(pages[path]);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root)) || !TYPES[extname(file)]) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      // Hashed chunks are immutable, as on a CDN; every run uses a fresh browser context (empty cache) anyway.
      res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'public, max-age=31536000, immutable' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
