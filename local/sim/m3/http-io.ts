/** Request and response plumbing of the M3 simulator: the body as text (10 MiB at most), JSON answers, lenient JSON reading. */
import type http from 'node:http';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) { reject(new Error('body too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The parsed body; undefined when empty, a marker symbol when it is not JSON (so a schema check reports it). */
export function parseJson(text: string): unknown {
  try { return text.trim() === '' ? undefined : JSON.parse(text); } catch { return Symbol.for('invalid'); }
}
