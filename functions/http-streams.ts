/**
 * HTTP bodies reach the functions as streams. Without this the Functions host reads a whole request (up to its own
 * 100 MB limit) before the app sees it, so a caller without a key could still make the host buffer 100 MB; with it, the
 * intake checks the key first and reads at most its own limit (functions/runtime/request-body.ts).
 * https://learn.microsoft.com/azure/azure-functions/functions-reference-node#http-streams (host 4.28 or later).
 * The local host hands every function a streamed body the same way.
 */
import { app } from '@azure/functions';

app.setup({ enableHttpStream: true });
