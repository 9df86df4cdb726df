/**
 * `POST /api/ion/bods` (docs/contracts.md, HTTP endpoints): a BOD as XML, or multipart form data with part `file` (ION API "Send to
 * API"). Validated by the reader before it is accepted, deduplicated by BODID, then queued as canonical JSON — the raw
 * XML (which may carry ship-to names and addresses) is never stored. Large canonical documents go through a claim check.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { BodError, readBod } from '../../core/bod';
import { dependencies } from '../runtime/dependencies';
import { intakeAccess } from '../runtime/api-key';
import { BodyTooLargeError, readBodyWithLimit } from '../runtime/request-body';
import { MultipartError, extractFilePart, isMultipart } from '../runtime/multipart-file';
import { reply, tooLarge } from '../runtime/http-replies';
import { logEvent } from '../runtime/structured-log';
import { QUEUES } from '../queue-names';
import { bodMessage } from './bod-message';

export async function receiveBod(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = dependencies();
  // The key first: nothing of the body is read for a caller without the intake key.
  const refused = intakeAccess(request, deps.settings);
  if (refused) return refused;
  const limit = deps.settings.BOD_MAX_BYTES;
  const contentType = request.headers.get('content-type');
  let bytes: Buffer;
  try {
    // Multipart framing adds a little; the document itself is held to the limit below (a larger part is 413, never cut).
    bytes = await readBodyWithLimit(request, isMultipart(contentType) ? limit + 64 * 1024 : limit);
    if (isMultipart(contentType)) bytes = await extractFilePart(bytes, contentType ?? '', limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(limit);
    if (error instanceof MultipartError) return reply(400, { error: 'BAD_MULTIPART', message: error.message });
    throw error;
  }

  let bod;
  try {
    bod = readBod(bytes, { maxBytes: limit, maxDepth: deps.settings.BOD_MAX_DEPTH, maxElements: deps.settings.BOD_MAX_ELEMENTS, maxDocuments: deps.settings.BOD_MAX_DOCUMENTS });
  } catch (error) {
    if (error instanceof BodError) {
      await deps.counters.increment('ion-intake', 'rejected');
      logEvent(context, 'warn', 'bod.rejected', { code: error.code, path: error.path });
      return reply(error.code === 'TOO_LARGE' ? 413 : 400, { error: error.code, message: error.message, path: error.path });
    }
    throw error;
  }

  const { bodId, noun } = bod.envelope;
  const claim = await deps.idempotency.claimLease('bod', bodId, noun);
  if (claim === 'duplicate') {
    logEvent(context, 'info', 'bod.duplicate', { bodId, noun });
    return reply(202, { accepted: true, duplicate: true, bodId, noun });
  }
  // 'pending': an earlier delivery holds an unconfirmed claim (still queuing, or its host died before the enqueue). ION
  // stops retrying on a 2xx, so the BOD is queued again; duplicate detection on messageId = BODID and the stale-variation
  // check (the same BOD is handed over again) make a second copy harmless.
  if (claim === 'pending') logEvent(context, 'info', 'bod.claim-pending', { bodId, noun });
  try {
    const message = await bodMessage(bod, deps.claimChecks);
    await deps.queues.sender.send(QUEUES.ionBods, [{ messageId: bodId, body: message, applicationProperties: { noun } }]);
  } catch {
    // Nothing was queued: give the key back so ION's retry is accepted.
    await deps.idempotency.release('bod', bodId);
    logEvent(context, 'error', 'bod.enqueue-failed', { bodId, noun });
    return reply(503, { error: 'UNAVAILABLE', message: 'the BOD could not be queued; send it again' });
  }
  await deps.idempotency.confirm('bod', bodId);
  await deps.counters.increment('ion-intake', 'accepted');
  logEvent(context, 'info', 'bod.accepted', { bodId, noun });
  return reply(202, { accepted: true, bodId, noun });
}

app.http('ion-bods', { route: 'ion/bods', methods: ['POST'], authLevel: 'anonymous', handler: receiveBod });
