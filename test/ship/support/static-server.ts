// A static file server for pages that load what ships: folders mounted at paths, pages given as strings, and the
// way the public npm CDNs serve a package (by its `unpkg` and `jsdelivr` fields). It records every request.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface NpmPackageMount {
  /** The unpacked package folder. */
  dir: string;
  name: string;
  version: string;
  /** The package.json fields the CDNs read for the default file. */
  unpkg: string;
  jsdelivr: string;
}

export interface StaticServerOptions {
  /** Path → HTML served as-is. */
  pages?: Record<string, string>;
  /** URL prefix (`/assets/c2c/`) → folder. */
  mounts?: Record<string, string>;
  /**
   * Serves the package like the two public npm CDNs do:
   *  - `/npm/<name>@<version>/<file>` files; `/npm/<name>[@range]` → the `jsdelivr` default file, sent
   *    as-is at that URL (no redirect), as jsDelivr does;
   *  - `/<name>@<version>/<file>` files; `/<name>[@range]` → a 302 to the `unpkg` default file, as unpkg does.
   */
  npmPackage?: NpmPackageMount;
  /** Extra headers on every HTML page (e.g. a Content-Security-Policy). */
  pageHeaders?: Record<string, string>;
}

export interface StaticServer {
  origin: string;
  /** Every request path (with query), in order. */
  requests: string[];
  close(): Promise<void>;
}

async function sendFile(res: ServerResponse, file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
    return true;
  } catch {
    return false;
  }
}

function inside(dir: string, relative: string): string | undefined {
  const file = normalize(join(dir, decodeURIComponent(relative)));
  return file.startsWith(normalize(dir)) ? file : undefined;
}

export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const requests: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    const page = options.pages?.[url.pathname];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store', ...options.pageHeaders });
      res.end(page);
      return;
    }
    for (const [prefix, dir] of Object.entries(options.mounts ?? {})) {
      const file = url.pathname.startsWith(prefix) ? inside(dir, url.pathname.slice(prefix.length)) : undefined;
      if (file && (await sendFile(res, file))) return;
    }
    const pkg = options.npmPackage;
    if (pkg) {
      const match = new RegExp(`^/(npm/)?${pkg.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(@[^/]*)?(/.*)?$`).exec(url.pathname);
      if (match) {
        const [, jsdelivr, , rest] = match;
        if (rest && rest !== '/') {
          const file = inside(pkg.dir, rest);
          if (file && (await sendFile(res, file))) return;
        } else if (jsdelivr) {
          if (await sendFile(res, join(pkg.dir, pkg.jsdelivr))) return;
        } else {
          res.writeHead(302, { location: `/${pkg.name}@${pkg.version}/${pkg.unpkg.replace(/^\.\//, '')}` });
          res.end();
          return;
        }
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
