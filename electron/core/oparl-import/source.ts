import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { invalid } from '../../shared/errors.js';

/**
 * Where an OParl export is read from: a folder (a copy of a static export) or a server on the
 * local network. The input is hostile until checked: each document is size-bounded before it
 * is parsed, the number of documents is bounded, and a URL source only ever talks to private
 * addresses — the app makes no other network calls.
 */
export interface OParlSource {
  /** The System's URL. */
  systemUrl: string;
  /** One JSON document by URL; null when it does not exist (404, no such file). */
  get(url: string): Promise<unknown>;
  /** Documents read so far. */
  readonly count: number;
}

export const SOURCE_LIMITS = {
  /** One JSON document: a list page of a big RIS is a few MB. */
  documentBytes: 20 * 1024 * 1024,
  /** Documents per import (list pages and objects). */
  documents: 20_000,
  /** Nesting depth of one document. */
  depth: 64,
  timeoutMs: 15_000,
};

function parse(text: string, where: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(`„${where}“ ist kein gültiges JSON.`);
  }
  // Depth checked without recursion, so a hostile document cannot overflow the stack here.
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > SOURCE_LIMITS.depth) throw invalid(`„${where}“ ist zu tief verschachtelt (mehr als ${SOURCE_LIMITS.depth} Ebenen).`);
    if (v && typeof v === 'object') for (const x of Object.values(v)) if (x && typeof x === 'object') stack.push([x, d + 1]);
  }
  return value;
}

/** IPv4/IPv6 addresses of the local network: loopback, private ranges, link-local, unique local. */
export function isPrivateAddress(address: string): boolean {
  if (net.isIPv4(address)) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (net.isIPv6(address)) {
    const lower = address.toLowerCase();
    if (lower === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return /^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower);
  }
  return false;
}

const guard = (source: { count: number }) => {
  if (source.count > SOURCE_LIMITS.documents) throw invalid(`Der OParl-Export hat mehr als ${SOURCE_LIMITS.documents} Dokumente; der Import wurde abgebrochen, es wurde nichts übernommen.`);
};

/**
 * A folder holding a static export: the System is system.json (or the only *.json in the top
 * folder that is a System); every URL under the System's base maps to the file at that path,
 * with or without ".json" (exports of other RIS name their files differently).
 */
export function folderSource(dir: string): OParlSource {
  const root = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw invalid(`Den Ordner „${dir}“ gibt es nicht.`);
  }
  if (!stat.isDirectory()) throw invalid(`„${dir}“ ist kein Ordner.`);
  const readFile = (file: string): unknown => {
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return null;
    if (st.size > SOURCE_LIMITS.documentBytes) throw invalid(`„${path.relative(root, file)}“ ist größer als ${SOURCE_LIMITS.documentBytes / 1024 / 1024} MB.`);
    return parse(fs.readFileSync(file, 'utf8'), path.relative(root, file));
  };
  const candidates = ['system.json', 'system', 'index.json'].map((n) => path.join(root, n));
  const systemFile = candidates.find((f) => fs.existsSync(f));
  if (!systemFile) throw invalid(`Im Ordner „${dir}“ liegt keine system.json (das OParl-System-Objekt).`);
  const system = readFile(systemFile) as { id?: unknown } | null;
  if (!system || typeof system.id !== 'string') throw invalid(`„${path.basename(systemFile)}“ ist kein OParl-System-Objekt (es fehlt die id).`);
  const systemUrl = system.id;
  const base = systemUrl.slice(0, systemUrl.lastIndexOf('/') + 1);
  const source = {
    systemUrl,
    count: 1,
    async get(url: string): Promise<unknown> {
      source.count++;
      guard(source);
      if (url === systemUrl) return system;
      if (!url.startsWith(base)) return null;
      let rel: string[];
      try {
        rel = url.slice(base.length).split(/[?#]/)[0]!.split('/').map(decodeURIComponent);
      } catch {
        return null;
      }
      if (rel.some((s) => s === '..' || s === '.' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return null;
      const file = path.join(root, ...rel);
      if (!file.startsWith(root + path.sep)) return null;
      return readFile(file) ?? (file.endsWith('.json') ? null : readFile(`${file}.json`));
    },
  };
  return source;
}

/**
 * A server on the local network. Its host must resolve to private addresses only, checked for
 * every URL followed (a list may point anywhere); redirects are not followed; each answer is
 * read up to the size bound.
 */
export async function urlSource(systemUrl: string): Promise<OParlSource> {
  const check = async (raw: string): Promise<{ url: URL; address: string }> => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw invalid(`„${raw}“ ist keine gültige Adresse.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`„${raw}“ ist keine http(s)-Adresse.`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
    if (addresses.length === 0) throw invalid(`Den Server „${url.hostname}“ gibt es nicht.`);
    if (!addresses.every(isPrivateAddress)) {
      throw invalid(`„${url.hostname}“ liegt nicht im lokalen Netz. Vorlagenwerk liest OParl nur aus einem Ordner oder von einem Server im lokalen Netz (z. B. 192.168.…, 10.…, localhost); andere Netzzugriffe macht die App nicht.`);
    }
    return { url, address: addresses[0]! };
  };
  await check(systemUrl);
  const source = {
    systemUrl,
    count: 0,
    async get(raw: string): Promise<unknown> {
      source.count++;
      guard(source);
      const { url } = await check(raw);
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(SOURCE_LIMITS.timeoutMs), headers: { accept: 'application/json' } }).catch(() => {
        throw invalid(`Der Server „${url.host}“ antwortet nicht.`);
      });
      if (res.status === 404 || res.status === 410) return null;
      if (res.status !== 200) throw invalid(`„${raw}“: der Server antwortet mit HTTP ${res.status}.`);
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > SOURCE_LIMITS.documentBytes) throw invalid(`„${raw}“ ist größer als ${SOURCE_LIMITS.documentBytes / 1024 / 1024} MB.`);
      const chunks: Buffer[] = [];
      let size = 0;
      const reader = res.body?.getReader();
      for (let part = await reader?.read(); reader && part && !part.done; part = await reader.read()) {
        size += part.value.length;
        if (size > SOURCE_LIMITS.documentBytes) {
          await reader.cancel();
          throw invalid(`„${raw}“ ist größer als ${SOURCE_LIMITS.documentBytes / 1024 / 1024} MB.`);
        }
        chunks.push(Buffer.from(part.value));
      }
      return parse(Buffer.concat(chunks).toString('utf8'), raw);
    },
  };
  return source;
}
