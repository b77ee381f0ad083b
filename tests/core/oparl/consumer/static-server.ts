import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = { '.json': 'application/json', '.pdf': 'application/pdf' };

/**
 * The plainest static web server: a URL path is a file below the folder, or 404. No rewrite
 * rules, no index files, no directory listings, no guessing of extensions — what a Kreis gets
 * from any web space. Content type by extension (as nginx's and Apache's mime.types do).
 */
export async function serveFolder(dir: string): Promise<{ base: string; close: () => Promise<void>; requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const rawPath = (req.url ?? '/').split('?')[0]!;
    requests.push(rawPath);
    let segments: string[];
    try {
      segments = rawPath.split('/').slice(1).map(decodeURIComponent);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (segments.some((s) => s === '..' || s.includes('/') || s.includes('\\'))) {
      res.writeHead(400).end();
      return;
    }
    const file = path.join(dir, ...segments);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(file);
    } catch {
      stat = null;
    }
    if (!stat?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': stat.size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
