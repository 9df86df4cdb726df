/**
 * Extracts the `file` part of a multipart/form-data body: ION API's "Send to API" connection point posts BODs that way
 * (research/m3/FACTS.md §4.1). Falls back to the first file part when no part is named `file`.
 */
import Busboy from 'busboy';

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export function isMultipart(contentType: string | null): boolean {
  return !!contentType && contentType.toLowerCase().startsWith('multipart/form-data');
}

export function extractFilePart(body: Buffer, contentType: string, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({ headers: { 'content-type': contentType }, limits: { fileSize: limitBytes, files: 10, fields: 50 } });
    } catch (error) {
      reject(new MultipartError(`multipart body is not readable: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    const parts = new Map<string, Buffer>();
    let first: Buffer | undefined;
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => reject(new MultipartError(`multipart part "${name}" is larger than ${limitBytes} bytes`)));
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        parts.set(name, content);
        first ??= content;
      });
    });
    parser.on('field', (name, value) => {
      // Some senders post the document as a plain field named `file`.
      if (name === 'file') parts.set(name, Buffer.from(value, 'utf8'));
    });
    parser.on('error', (error: unknown) => reject(new MultipartError(`multipart body is not readable: ${error instanceof Error ? error.message : String(error)}`)));
    parser.on('close', () => {
      const file = parts.get('file') ?? first;
      if (!file) reject(new MultipartError('multipart body has no part named "file"'));
      else resolve(file);
    });
    parser.end(body);
  });
}
