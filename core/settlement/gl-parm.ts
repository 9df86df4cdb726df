// Builds the fixed-position PARM string of GLS840MI AddBatchLine from the tenant's GLS850 layout (usage type 1).
import { PermanentError } from '../errors';
import type { ParmField } from './settlement-mapping';

/** GLS840MI PARM is at most 900 characters (docs/m3-facts.md, Field lengths and formats). */
export const MAX_PARM_LENGTH = 900;

export type ParmValues = Partial<Record<ParmField['name'], string>>;

/**
 * Places each value at its 1-based start, left-aligned and space-padded (amounts right-aligned).
 * Text that does not fit is truncated only for VTXT; an account, currency or amount that does not fit
 * is refused, because a silently cut account or amount would post wrong money.
 */
export function buildParm(layout: readonly ParmField[], values: ParmValues): string {
  const end = layout.reduce((max, f) => Math.max(max, f.start - 1 + f.length), 0);
  if (end > MAX_PARM_LENGTH) {
    throw new PermanentError(`GLS850 layout ends at position ${end}, beyond PARM's ${MAX_PARM_LENGTH}`, { code: 'INVALID_PARM_LAYOUT', system: 'm3' });
  }
  const chars = Array.from({ length: end }, () => ' ');
  for (const f of layout) {
    let value = f.name === 'CONST' ? (f.value ?? '') : (values[f.name] ?? '');
    let glyphs = [...value];
    if (glyphs.length > f.length) {
      if (f.name !== 'VTXT') {
        throw new PermanentError(`${f.name} "${value}" is longer than its ${f.length} positions in the GLS850 layout`, {
          code: 'PARM_FIELD_TOO_LONG', system: 'm3', details: { field: f.name, length: f.length },
        });
      }
      glyphs = glyphs.slice(0, f.length);
      value = glyphs.join('');
    }
    const padded = (f.align ?? 'left') === 'right'
      ? [...Array.from({ length: f.length - glyphs.length }, () => ' '), ...glyphs]
      : [...glyphs, ...Array.from({ length: f.length - glyphs.length }, () => ' ')];
    for (let i = 0; i < f.length; i++) chars[f.start - 1 + i] = padded[i] ?? ' ';
  }
  return chars.join('').replace(/ +$/, '');
}
