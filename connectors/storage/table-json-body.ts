/**
 * A JSON document kept in one table entity. Azure Tables caps a string property at 64 KiB of UTF-16 (32K characters)
 * and an entity at 1 MiB (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model),
 * so a long document is split over `body`, `body1` … `bodyN` and joined again on read.
 */

/** Characters per property: 30,000 UTF-16 code units stay under 64 KiB. */
const CHUNK_CHARS = 30_000;
/** 15 chunks ≈ 900 KB of UTF-16, leaving room for the entity's other properties under the 1 MiB cap. */
export const MAX_BODY_CHARS = CHUNK_CHARS * 15;

/** The `body…` properties holding `text` (which must not exceed MAX_BODY_CHARS). */
export function bodyProperties(text: string): Record<string, string> {
  if (text.length > MAX_BODY_CHARS) throw new RangeError(`document of ${text.length} characters is over the ${MAX_BODY_CHARS} a table entity holds`);
  const properties: Record<string, string> = { body: text.slice(0, CHUNK_CHARS) };
  for (let i = 1; i * CHUNK_CHARS < text.length; i++) properties[`body${i}`] = text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  return properties;
}

/** The document text of an entity written by bodyProperties (or by an older single-`body` write). */
export function bodyText(entity: object): string {
  const part = (key: string): string | undefined => {
    const value: unknown = Reflect.get(entity, key);
    return typeof value === 'string' ? value : undefined;
  };
  let text = part('body') ?? '';
  for (let i = 1, next = part('body1'); next !== undefined; i++, next = part(`body${i}`)) text += next;
  return text;
}
