import { readSync } from 'node:fs';

/**
 * One buffer that every Anlage of a streamed pack is read into, in turn (streamed-save.ts): a
 * Haushaltsplan of 300 MB of scans read into fresh memory per file cost more than parsing it
 * (the kernel zeroes every new page; measured 0.4 s against 0.16 s for 290 MB) and left the
 * garbage collector hundreds of MB to find. Only for Anlagen that keep nothing of their bytes
 * once placed (leaveImageDataInFile copies what stays in memory); the next read overwrites them.
 */
export class ReadBuffer {
  private buffer: Uint8Array = new Uint8Array(0);

  /** The whole content of the open file `fd` of `size` bytes, valid until the next read. */
  read(fd: number, size: number): Uint8Array {
    // A plain Uint8Array (uninitialised memory, it is overwritten at once): a Buffer's slice()
    // shares memory, and parsed streams must be copied out of this buffer by slicing.
    if (this.buffer.length < size) this.buffer = new Uint8Array(Buffer.allocUnsafeSlow(size).buffer, 0, size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, this.buffer, at, size - at, at);
      // The file shrank since fstat: what was read is the whole file now.
      if (n <= 0) break;
      at += n;
    }
    return this.buffer.subarray(0, at);
  }
}
