/** Feed/report document transfer with the presigned URLs SP-API hands out: upload with the exact Content-Type given to createFeedDocument, download and gunzip (docs/amazon-facts.md, Feeds, docs/amazon-facts.md). */
import { gunzipSync } from 'node:zlib';
import type { AxiosInstance } from 'axios';
import { PermanentError, TransientError } from '../../core/errors';
import { createHttpClient, exchange, noAnswerError } from '../http';

export async function uploadDocument(http: AxiosInstance, url: string, content: string | Buffer, contentType: string, timeoutMs = 120000): Promise<void> {
  const answer = await exchange(http, {
    method: 'PUT',
    url,
    data: content,
    // Exactly the createFeedDocument contentType, or S3 answers 403 SignatureDoesNotMatch.
    headers: { 'content-type': contentType },
    timeoutMs,
    transformRequest: [(data: unknown) => data],
    maxBodyLength: Infinity,
  });
  if (!answer.answered) throw noAnswerError({ system: 'amazon', call: 'feed document upload', details: { operation: 'uploadFeedDocument' } }, answer, 'network');
  const status = answer.status;
  if (status >= 200 && status < 300) return;
  if (status >= 500 || status === 429) throw new TransientError(`feed document upload answered ${status}`, { code: `http_${status}`, system: 'amazon', details: { operation: 'uploadFeedDocument', status } });
  // 403 here means an expired URL (5 min) or a Content-Type mismatch; re-creating the document is the fix.
  throw new PermanentError(`feed document upload refused (${status}): URL expired or Content-Type differs from createFeedDocument`, { code: status === 403 ? 'SignatureDoesNotMatch' : `http_${status}`, system: 'amazon', details: { operation: 'uploadFeedDocument', status } });
}

export async function downloadDocument(http: AxiosInstance, url: string, compressionAlgorithm: string | undefined, timeoutMs = 120000): Promise<Buffer> {
  const answer = await exchange(http, { method: 'GET', url, responseType: 'arraybuffer', timeoutMs, decompress: true });
  if (!answer.answered) throw noAnswerError({ system: 'amazon', call: 'document download', details: { operation: 'downloadDocument' } }, answer, 'network');
  const { status, data } = answer;
  if (status >= 500) throw new TransientError(`document download answered ${status}`, { code: `http_${status}`, system: 'amazon', details: { status } });
  if (status < 200 || status >= 300) throw new PermanentError(`document download refused (${status}); the URL may have expired (5 minutes)`, { code: `http_${status}`, system: 'amazon', details: { status } });
  const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.isBuffer(data) ? data : Buffer.from(String(data));
  if (compressionAlgorithm !== 'GZIP') return bytes;
  try {
    return gunzipSync(bytes);
  } catch {
    throw new PermanentError('document says GZIP but is not gzip data', { code: 'BadCompression', system: 'amazon' });
  }
}

export function defaultHttp(): AxiosInstance {
  return createHttpClient();
}
