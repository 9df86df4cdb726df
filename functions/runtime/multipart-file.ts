/**
 * Extracts the `file` part of a multipart/form-data body: ION API's "Send to API" connection point posts BODs that way,
 * one part named `file`. Strict, because a lenient reader guesses: exactly one part named `file` (a file part, or a
 * plain field some senders use) and no other file part; a part over the limit is refused whole, never cut; a body that
 * ends before its closing boundary, or whose framing busboy cannot read, is refused. Every parser and stream error ends
 * in a rejected promise — none is left unhandled to take the process down.
 */
import Busboy from 'busboy';
import { BodyTooLargeError } from './request-body';

/** The multipart framing is wrong (→ 400); the message names the problem, never the received content. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export function isMultipart(contentType: string | null): boolean {
  return !!contentType && contentType.toLowerCase().startsWith('multipart/form-data');
}

/** Parts beyond these are refused outright (a BOD post has one part; a few fields are tolerated). */
const MAX_PARTS = 20;

export function extractFilePart(body: Buffer, contentType: string, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({ headers: { 'content-type': contentType }, limits: { fileSize: limitBytes + 1, files: MAX_PARTS, fields: MAX_PARTS, parts: MAX_PARTS, fieldSize: limitBytes } });
    } catch {
      fail(new MultipartError('the multipart body cannot be read: the content-type has no usable boundary'));
      return;
    }
    const fileParts: Buffer[] = [];
    let fileFileParts = 0;
    let otherFileParts = 0;
    let pending = 0;
    let closed = false;
    const finish = (): void => {
      if (settled || !closed || pending > 0) return;
      if (fileFileParts + otherFileParts > 1 || fileParts.length > 1) {
        fail(new MultipartError('the multipart body has more than one file part; send exactly one part named "file"'));
      } else if (fileParts.length === 0) {
        fail(new MultipartError('the multipart body has no part named "file"'));
      } else {
        settled = true;
        resolve(fileParts[0]!);
      }
    };

    parser.on('file', (name: string, stream: NodeJS.ReadableStream & { truncated?: boolean }) => {
      if (name === 'file') fileFileParts += 1;
      else otherFileParts += 1;
      pending += 1;
      const chunks: Buffer[] = [];
      let tooLarge = false;
      stream.on('data', (chunk: Buffer) => { if (!tooLarge && name === 'file') chunks.push(chunk); });
      stream.on('limit', () => {
        tooLarge = true;
        chunks.length = 0;
        fail(new BodyTooLargeError(limitBytes));
      });
      stream.on('error', () => fail(new MultipartError('the multipart body ends inside a part (no closing boundary)')));
      stream.on('end', () => {
        pending -= 1;
        // busboy stops one byte past the limit and says 'limit'; counting here too keeps "at most limitBytes" exact.
        const content = Buffer.concat(chunks);
        if (name === 'file' && !tooLarge && content.length > limitBytes) fail(new BodyTooLargeError(limitBytes));
        else if (name === 'file' && !tooLarge) fileParts.push(content);
        finish();
      });
    });
    parser.on('field', (name: string, value: string, info: { valueTruncated?: boolean }) => {
      if (name !== 'file') return;
      if (info?.valueTruncated) { fail(new BodyTooLargeError(limitBytes)); return; }
      // Some senders post the document as a plain field named `file`.
      fileParts.push(Buffer.from(value, 'utf8'));
    });
    for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(event, () => fail(new MultipartError(`the multipart body has more than ${MAX_PARTS} parts`)));
    }
    parser.on('error', () => fail(new MultipartError('the multipart body is malformed or ends before its closing boundary')));
    parser.on('close', () => {
      closed = true;
      finish();
    });
    try {
      parser.end(body);
    } catch {
      fail(new MultipartError('the multipart body is malformed'));
    }
  });
}
