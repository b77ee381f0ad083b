import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, type PDFDict } from '../../../../electron/core/export/pdf/pdf-lib.js';
import { describe, expect, it } from 'vitest';
import { ContentMemo, streamContentKey } from '../../../../electron/core/export/pdf/archival/content-memo.js';

/**
 * The memo behind PDF/A's per-stream work (wrapped content, CMYK verdicts): a verdict may only be
 * reused for a stream whose decoded content is certainly the same.
 */
describe('streamContentKey', () => {
  const context = PDFDocument.create().then((doc) => doc.context);
  const raw = async (bytes: Uint8Array, dict: Record<string, unknown> = {}) => PDFRawStream.of((await context).obj(dict as never) as unknown as PDFDict, bytes);
  const ops = Buffer.from('0 0 1 rg 10 10 100 100 re f');
  const flate = new Uint8Array(deflateSync(ops));

  it('is the same for the same stored bytes and filter, different when either differs', async () => {
    const a = streamContentKey(await raw(flate, { Filter: 'FlateDecode' }));
    expect(a).not.toBeNull();
    expect(streamContentKey(await raw(flate, { Filter: 'FlateDecode' }))).toBe(a);
    // The same bytes decode differently under another filter or other parameters.
    expect(streamContentKey(await raw(flate))).not.toBe(a);
    expect(streamContentKey(await raw(flate, { Filter: 'FlateDecode', DecodeParms: { Predictor: 12, Columns: 4 } }))).not.toBe(a);
    expect(streamContentKey(await raw(new Uint8Array(deflateSync(Buffer.from('0 0 1 k 10 10 100 100 re f'))), { Filter: 'FlateDecode' }))).not.toBe(a);
  });

  it('gives no key where the decoding depends on another object', async () => {
    const ctx = await context;
    const globals = ctx.register(ctx.stream(new Uint8Array(1)));
    expect(streamContentKey(await raw(flate, { Filter: 'FlateDecode', DecodeParms: { JBIG2Globals: globals } }))).toBeNull();
    const stream = await raw(flate, {});
    stream.dict.set(PDFName.of('Filter'), ctx.register(PDFName.of('FlateDecode')));
    expect(streamContentKey(stream)).toBeNull();
  });
});

describe('ContentMemo', () => {
  it('keeps within its byte bound, dropping the least recently used first', () => {
    const memo = new ContentMemo<string>(100);
    memo.set('a', 'A', 40);
    memo.set('b', 'B', 40);
    expect(memo.get('a')).toBe('A'); // a is now the most recently used
    memo.set('c', 'C', 40);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe('A');
    expect(memo.get('c')).toBe('C');
    // Larger than the whole bound: not kept, and nothing else is pushed out for it.
    memo.set('d', 'D', 101);
    expect(memo.get('d')).toBeUndefined();
    expect(memo.size).toBe(2);
  });
});
