/** The MI REST v2 response (docs/m3-facts.md, MI REST v2) parsed with zod, and how to read its failure. */
import { z } from 'zod';

const ResultSchema = z.object({
  transaction: z.string().optional(),
  records: z.array(z.record(z.string(), z.string())).optional(),
  errorMessage: z.string().optional(),
  errorCode: z.string().optional(),
  errorField: z.string().optional(),
  errorType: z.string().optional(),
  notProcessed: z.boolean().optional(),
}).passthrough();

export const MiV2ResponseSchema = z.object({
  results: z.array(ResultSchema).default([]),
  wasTerminated: z.boolean().optional(),
  terminationReason: z.string().optional(),
  terminationErrorType: z.string().optional(),
  // Infor's spelling, with two l's.
  nrOfSuccessfullTransactions: z.number().optional(),
  nrOfFailedTransactions: z.number().optional(),
  nrOfNotProcessedTransactions: z.number().optional(),
  bulkJobId: z.string().optional(),
}).passthrough();

export type MiV2Response = z.infer<typeof MiV2ResponseSchema>;
export type MiV2Result = z.infer<typeof ResultSchema>;

/** M3 pads values to the field length; right-trimming spaces (not other whitespace) gives the value. */
export type MiRecord = Readonly<Record<string, string>>;

export interface MiFailure {
  message: string;
  code: string;
  field: string;
  type: string;
}

export function isResultFailed(result: MiV2Result): boolean {
  return Boolean(result.errorMessage || result.errorCode || result.errorType || result.notProcessed);
}

/**
 * As Infor's odin parser reads it: failed ⇔ wasTerminated or nrOfFailedTransactions > 0; details from
 * results[0] if present, else the top-level termination fields (docs/m3-facts.md, MI REST v2).
 */
export function failureOf(body: MiV2Response): MiFailure | undefined {
  const failedResult = body.results.find(isResultFailed);
  if (!body.wasTerminated && !(body.nrOfFailedTransactions ?? 0) && !failedResult) return undefined;
  return failureOfResult(failedResult ?? {}, body);
}

export function failureOfResult(result: MiV2Result, body?: MiV2Response): MiFailure {
  const field = (result.errorField ?? '').trim();
  const code = (result.errorCode ?? '').trim();
  // M3 messages can embed the code/field and pad with spaces; odin strips them, so does this.
  let message = (result.errorMessage || body?.terminationReason || 'M3 transaction failed').replace(/\s+/g, ' ').trim();
  if (code && message.startsWith(code)) message = message.slice(code.length).trim();
  return { message, code, field, type: (result.errorType || body?.terminationErrorType || '').trim() };
}

export function trimRecords(records: Array<Record<string, string>> | undefined): MiRecord[] {
  return (records ?? []).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace(/ +$/, '')])));
}
