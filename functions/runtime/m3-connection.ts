/** Builds the M3 client from app settings: an `.ionapi` (SaaS, through ION API) or a direct on-premises MI REST URL. */
import { readFileSync } from 'node:fs';
import { M3Client, createDirectM3Client, createM3ClientFromIonApi } from '../../connectors/m3';
import { parseIonApiFile } from '../../connectors/m3';
import { AuthError } from '../../core/errors';
import type { AppSettings } from '../app-settings';

export function createM3Connection(settings: AppSettings): M3Client {
  const context = { cono: settings.M3_CONO || undefined, divi: settings.M3_DIVI || undefined };
  if (settings.M3_IONAPI) return createM3ClientFromIonApi(parseIonApiFile(settings.M3_IONAPI, 'app setting M3_IONAPI'), context);
  if (settings.M3_IONAPI_PATH) {
    let text: string;
    try {
      text = readFileSync(settings.M3_IONAPI_PATH, 'utf8');
    } catch {
      throw new AuthError(`M3_IONAPI_PATH ${settings.M3_IONAPI_PATH} cannot be read`, { code: 'M3_CONFIG', system: 'm3' });
    }
    return createM3ClientFromIonApi(parseIonApiFile(text, settings.M3_IONAPI_PATH), context);
  }
  if (settings.M3_BASE_URL) {
    return createDirectM3Client({ rootUrl: settings.M3_BASE_URL, username: settings.M3_USER, password: settings.M3_PASSWORD, bearerToken: settings.M3_BEARER_TOKEN, ...context });
  }
  throw new AuthError('no M3 connection configured: set M3_IONAPI, M3_IONAPI_PATH or M3_BASE_URL', { code: 'M3_CONFIG', system: 'm3' });
}
