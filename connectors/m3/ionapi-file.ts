/** The `.ionapi` credentials file Infor ION API "Download Credentials" produces (docs/m3-facts.md, .ionapi and OAuth), parsed with zod. */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';

export const IonApiFileSchema = z.object({
  /** Tenant identifier. */
  ti: z.string().min(1),
  /** Authorized app name. */
  cn: z.string().optional(),
  /** OAuth client id and secret. */
  ci: z.string().min(1),
  cs: z.string().min(1),
  /** ION API gateway base URL; MI calls go to `{iu}/{ti}/M3/m3api-rest/v2/execute/…`. */
  iu: z.string().url(),
  /** Authorization server base URL; token URL = `{pu}{ot}`, revoke URL = `{pu}{or}`. */
  pu: z.string().url(),
  ot: z.string().min(1),
  or: z.string().optional(),
  oa: z.string().optional(),
  /** Service-account access/secret key: the OAuth username/password of the password grant. */
  saak: z.string().min(1),
  sask: z.string().min(1),
  ev: z.string().optional(),
  v: z.string().optional(),
  dt: z.string().optional(),
}).passthrough();

export type IonApiFile = z.infer<typeof IonApiFileSchema>;

/** Accepts the file's text or its parsed JSON; the error names every missing or invalid key, never a value. */
export function parseIonApiFile(input: string | unknown, source = '.ionapi'): IonApiFile {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      throw new PermanentError(`${source} is not valid JSON`, { code: 'IONAPI_INVALID', system: 'm3' });
    }
  }
  const parsed = IonApiFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = i.path.join('.') || '(root)';
      return i.code === 'invalid_type' && i.received === 'undefined' ? `missing key "${key}"` : `key "${key}": ${i.message}`;
    });
    throw new PermanentError(`${source}: ${problems.join('; ')}`, { code: 'IONAPI_INVALID', system: 'm3', details: { keys: parsed.error.issues.map((i) => i.path.join('.')).join(',') } });
  }
  return parsed.data;
}

export function tokenUrl(ionapi: IonApiFile): string {
  return joinUrl(ionapi.pu, ionapi.ot);
}

export function miRootUrl(ionapi: IonApiFile): string {
  return `${joinUrl(ionapi.iu, encodeURIComponent(ionapi.ti))}/M3/m3api-rest`;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
