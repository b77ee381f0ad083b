import type * as FontkitModule from '@pdf-lib/fontkit';
import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';

/**
 * pdf-lib and fontkit from their single-file builds. Same code and types as the packages'
 * entry points, but one file each instead of a tree of hundreds of CommonJS modules: loading
 * drops from ~320 + ~400 ms to ~25 + ~70 ms, which the first pack after start pays in its
 * worker. Every module of the PDF export imports pdf-lib from here, so the zlib patch in
 * pdf-lib-fast.ts applies to the one copy in use.
 */
// Not named `require`: bundlers declare their own top-level `require` in ESM output.
const requireHere = createRequire(import.meta.url);
const lib = requireHere('pdf-lib/dist/pdf-lib.min.js') as typeof PdfLib;

let fontkit: typeof FontkitModule | undefined;
/**
 * fontkit on first use: a pack whose stamps and notes stay within WinAnsi (German and the other
 * Western European languages) never needs it, and loading it costs ~70 ms and ~20 MB.
 */
export function loadFontkit(): typeof FontkitModule {
  fontkit ??= requireHere('@pdf-lib/fontkit/dist/fontkit.umd.min.js') as typeof FontkitModule;
  return fontkit;
}
export type FontkitFont = FontkitModule.Font;

export const {
  PDFArray,
  PDFBool,
  PDFContext,
  PDFCrossRefSection,
  PDFDict,
  PDFDocument,
  PDFFlateStream,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObjectCopier,
  PDFObjectParser,
  PDFPage,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  PDFTrailer,
  PDFTrailerDict,
  PageSizes,
  ParseSpeeds,
  decodePDFRawStream,
} = lib;

export type PDFArray = PdfLib.PDFArray;
export type PDFBool = PdfLib.PDFBool;
export type PDFContext = PdfLib.PDFContext;
export type PDFCrossRefSection = PdfLib.PDFCrossRefSection;
export type PDFTrailer = PdfLib.PDFTrailer;
export type PDFTrailerDict = PdfLib.PDFTrailerDict;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFFlateStream = PdfLib.PDFFlateStream;
export type PDFHeader = PdfLib.PDFHeader;
export type PDFHexString = PdfLib.PDFHexString;
export type PDFName = PdfLib.PDFName;
export type PDFNumber = PdfLib.PDFNumber;
export type PDFPage = PdfLib.PDFPage;
export type PDFObjectCopier = PdfLib.PDFObjectCopier;
export type PDFRawStream = PdfLib.PDFRawStream;
export type PDFRef = PdfLib.PDFRef;
export type PDFStream = PdfLib.PDFStream;
export type PDFString = PdfLib.PDFString;
export type PDFFont = PdfLib.PDFFont;
export type PDFObject = PdfLib.PDFObject;
export type LoadOptions = PdfLib.LoadOptions;
export type SaveOptions = PdfLib.SaveOptions;
