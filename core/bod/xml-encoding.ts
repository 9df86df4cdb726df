/** Turns BOD bytes into text: BOM sniffing, the XML declaration's encoding honoured, and strict decoding (XML 1.0 §4.3.3, Appendix F). */
import { BodError } from './bod-error';

type Family = 'utf-8' | 'utf-16le' | 'utf-16be' | 'ascii-compatible';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

/** The encoding pseudo-attribute of the XML declaration, read from text (ASCII is enough: the declaration is ASCII). */
const DECLARED_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

export function declaredEncoding(head: string): string | undefined {
  const match = DECLARED_ENCODING.exec(head);
  return match ? match[1].toLowerCase() : undefined;
}

function sniff(bytes: Buffer): { family: Family; bomLength: number } {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { family: 'utf-8', bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { family: 'utf-16le', bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { family: 'utf-16be', bomLength: 2 };
  // XML 1.0 Appendix F: UTF-16 without a BOM still starts with '<' as a 16-bit unit.
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { family: 'utf-16le', bomLength: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { family: 'utf-16be', bomLength: 0 };
  return { family: 'ascii-compatible', bomLength: 0 };
}

function bad(message: string): BodError {
  return new BodError('BAD_ENCODING', message);
}

function strict(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array, label: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw bad(`the bytes are not valid ${label}`);
  }
}

function decodeUtf16(bytes: Buffer, family: 'utf-16le' | 'utf-16be', bomLength: number): string {
  const body = bytes.subarray(bomLength);
  if (body.length % 2 !== 0) throw bad(`${family.toUpperCase()} document has an odd number of bytes`);
  const text = strict(family === 'utf-16le' ? UTF16LE : UTF16BE, body, family.toUpperCase());
  const declared = declaredEncoding(text.slice(0, 200));
  // 'utf-16' is what a BOM'd document declares; a declaration naming an 8-bit encoding contradicts the bytes.
  if (declared !== undefined && declared !== 'utf-16' && declared !== family) {
    throw bad(`the XML declaration says encoding "${declared}" but the document is ${family.toUpperCase()}`);
  }
  return text;
}

function decodeAsciiCompatible(bytes: Buffer, family: 'utf-8' | 'ascii-compatible', bomLength: number): string {
  const declared = declaredEncoding(bytes.toString('latin1', bomLength, Math.min(bytes.length, bomLength + 200)));
  const body = bytes.subarray(bomLength);
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') return strict(UTF8, body, 'UTF-8');
  if (family === 'utf-8') throw bad(`the document starts with a UTF-8 byte order mark but declares encoding "${declared}"`);
  switch (declared) {
    case 'us-ascii':
    case 'ascii':
      for (const byte of body) if (byte > 0x7f) throw bad('the document declares US-ASCII but contains bytes above 0x7F');
      return body.toString('latin1');
    case 'iso-8859-1':
    case 'latin1':
    case 'iso_8859-1':
      return body.toString('latin1');
    case 'windows-1252':
    case 'cp1252':
      return WINDOWS_1252.decode(body);
    case 'utf-16':
    case 'utf-16le':
    case 'utf-16be':
      throw bad(`the XML declaration says encoding "${declared}" but the bytes are 8-bit (no UTF-16 byte order mark)`);
    default:
      throw bad(`unsupported encoding "${declared}" (supported: UTF-8, UTF-16, ISO-8859-1, windows-1252, US-ASCII)`);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Decodes a BOD; a JS string is already text, so only a leading BOM is dropped and broken UTF-16 refused. */
export function decodeXml(input: Buffer | string): string {
  if (typeof input === 'string') {
    if (LONE_SURROGATE.test(input)) throw bad('the text contains an unpaired UTF-16 surrogate');
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  const { family, bomLength } = sniff(input);
  if (family === 'utf-16le' || family === 'utf-16be') return decodeUtf16(input, family, bomLength);
  return decodeAsciiCompatible(input, family, bomLength);
}
