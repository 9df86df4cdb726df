/**
 * The multipart reader of POST /api/ion/bods: exactly one part named "file", a part over the limit is refused whole
 * (never cut), and every malformed or unterminated body is a MultipartError — none escapes as an unhandled error.
 */
import { extractFilePart, MultipartError } from '../../../functions/runtime/multipart-file';
import { BodyTooLargeError } from '../../../functions/runtime/request-body';

const BOUNDARY = 'spec-boundary-42';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const part = (name: string, content: string | Buffer, filename: string | null = 'bod.xml'): Buffer => Buffer.concat([
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n${filename ? 'Content-Type: application/xml\r\n' : ''}\r\n`),
  Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n'),
]);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);
const body = (...parts: Buffer[]): Buffer => Buffer.concat([...parts, end]);

describe('extractFilePart', () => {
  it('returns the one part named "file", as sent', async () => {
    await expect(extractFilePart(body(part('file', '<SyncShipment/>')), TYPE, 1024)).resolves.toEqual(Buffer.from('<SyncShipment/>'));
  });

  it('accepts the document as a plain field named "file" and ignores other plain fields', async () => {
    await expect(extractFilePart(body(part('note', 'hello', null), part('file', '<a/>', null)), TYPE, 1024)).resolves.toEqual(Buffer.from('<a/>'));
  });

  it('accepts a part exactly at the limit', async () => {
    await expect(extractFilePart(body(part('file', 'x'.repeat(1024))), TYPE, 1024)).resolves.toHaveLength(1024);
  });

  it('refuses a file part one byte over the limit as too large, never returning it cut', async () => {
    await expect(extractFilePart(body(part('file', 'x'.repeat(1025))), TYPE, 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it.each([
    ['no part at all', body()],
    ['only a file part with another name', body(part('document', '<a/>'))],
    ['two parts named "file"', body(part('file', '<a/>'), part('file', '<b/>'))],
    ['a "file" part and another file part', body(part('file', '<a/>'), part('other', '<b/>'))],
    ['a "file" field and a "file" file part', body(part('file', '<a/>', null), part('file', '<b/>'))],
  ])('refuses %s with 400 (exactly one "file" part)', async (_label, bytes) => {
    await expect(extractFilePart(bytes, TYPE, 1024)).rejects.toBeInstanceOf(MultipartError);
  });

  it.each([
    ['a file part with no closing boundary', Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="b.xml"\r\n\r\n<SyncShipment>`)])],
    ['a part whose headers never end', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"`)],
    ['bytes that are not multipart at all', Buffer.from('<SyncShipment/>')],
    ['an empty body', Buffer.alloc(0)],
    ['a closing boundary only', end],
  ])('refuses %s with a MultipartError, and nothing is left unhandled', async (_label, bytes) => {
    const unhandled: unknown[] = [];
    const onError = (error: unknown): void => { unhandled.push(error); };
    process.on('uncaughtException', onError);
    try {
      await expect(extractFilePart(bytes, TYPE, 1024)).rejects.toBeInstanceOf(MultipartError);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(unhandled).toEqual([]);
  });

  it.each([
    ['no boundary', 'multipart/form-data'],
    ['an empty boundary', 'multipart/form-data; boundary='],
  ])('refuses a content-type with %s', async (_label, type) => {
    await expect(extractFilePart(body(part('file', '<a/>')), type, 1024)).rejects.toBeInstanceOf(MultipartError);
  });

  it('refuses more than 20 parts', async () => {
    const many = Array.from({ length: 25 }, (_, i) => part(`f${i}`, 'v', null));
    await expect(extractFilePart(body(...many, part('file', '<a/>')), TYPE, 1024)).rejects.toBeInstanceOf(MultipartError);
  });

  it('never repeats what was received in its messages', async () => {
    const secret = 'SECRET-CONTENT-4711';
    for (const bytes of [Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${secret}"\r\n\r\n${secret}`), body(part(secret, secret))]) {
      const error = await extractFilePart(bytes, TYPE, 1024).catch((e: unknown) => e);
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });
});
