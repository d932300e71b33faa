import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchAppPath } from '../shared/app-routes.js';
import { escapeHtml } from './docs-page.js';
import { HttpError } from './http-error.js';

/** Content types by extension, for what Vite emits and a few common extras. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Vite names files under /assets/ by content hash: a changed file gets a new name, so they can be cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) must be revalidated, or a deploy would not reach open browsers. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built web app from one folder, with the client-side-routing
 * fallback to index.html: 200 for the app's own addresses (the table in
 * src/shared/app-routes.ts), 404 for any other, still with index.html so the
 * app shows its not-found view and a crawler or link checker sees the truth.
 */
export class StaticSite {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  /**
   * Answers a GET or HEAD for a path outside the API: the file when it exists,
   * else index.html when the client wants a page (client-side routing), with
   * 404 when the app has no page there, else a 404 error. A path that would
   * leave the root is answered 404 like any missing file.
   */
  async serve(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const pathname = decodePath(request.url);
    const file = pathname === null ? null : this.#resolve(pathname);
    const found = file === null ? null : await fileStat(file);
    if (file !== null && found !== null) return this.#send(request, reply, file, found, pathname ?? '');
    const wantsPage = pathname === '/' || (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage || (pathname !== null && pathname.startsWith('/assets/'))) {
      throw new HttpError('route_not_found', `nothing at ${request.method} ${pathname ?? request.url}`);
    }
    const index = resolve(this.root, 'index.html');
    const indexStat = await fileStat(index);
    if (indexStat === null) {
      reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return reply.send(missingBuildPage(this.root));
    }
    const rawPath = request.url.split('?')[0] ?? '/';
    if (matchAppPath(rawPath) === null) {
      // The app's not-found view, with a status that says so; never cached, so a later release may add the page.
      reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8');
      if (request.method === 'HEAD') return reply.send();
      return reply.send(createReadStream(index));
    }
    return this.#send(request, reply, index, indexStat, '/index.html');
  }

  #resolve(pathname: string): string | null {
    const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
    // Dotfiles and parent segments are never served, whatever the normalised path would be.
    if (relative.split('/').some((segment) => segment.startsWith('.'))) return null;
    const file = resolve(this.root, relative);
    return file.startsWith(this.root + sep) ? file : null;
  }

  async #send(
    request: FastifyRequest,
    reply: FastifyReply,
    file: string,
    info: { size: number; mtimeMs: number },
    pathname: string,
  ): Promise<void> {
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    reply
      .header('cache-control', pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE)
      .header('etag', etag)
      .type(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    if (request.headers['if-none-match'] === etag) {
      reply.code(304);
      return reply.send();
    }
    reply.header('content-length', String(info.size));
    if (request.method === 'HEAD') return reply.send();
    return reply.send(createReadStream(file));
  }
}

/** The URL path, percent-decoded; null when it cannot be decoded or holds a NUL or backslash. */
function decodePath(url: string): string | null {
  const raw = url.split('?')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;
  return decoded;
}

async function fileStat(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** What a browser shows when the server runs but the web app was never built. */
export function missingBuildPage(root: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Longhaul: the web app is not built</title>
<style>body{font:16px/1.55 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1.5rem}code,pre{font-family:ui-monospace,Menlo,monospace}pre{background:#f1f3f5;color:#1d2430;padding:.75rem;border-radius:6px}</style>
</head>
<body>
<main>
<h1>The web app is not built yet</h1>
<p>The Longhaul server is running and its API answers, but there is no web app in <code>${escapeHtml(root)}</code>.</p>
<p>Build it in the checkout, then reload this page:</p>
<pre>npm run build</pre>
<p>Meanwhile the API reference is at <a href="/api/docs">/api/docs</a>.</p>
</main>
</body>
</html>
`;
}
