/** Checks MI input against the repository rules (docs/m3-facts.md, Field lengths and formats): unknown and repeated fields, mandatory, type and length. */
import type { MiTransactionSpec } from './mi-catalog';
import { MiNok } from './mi-nok';
import type { Fields } from './m3-sim-state';

const NUMBER = /^-?\d*(\.\d+)?$/;

/** M3 counts characters, not UTF-16 units, so an emoji is one character. */
export function charLength(value: string): number {
  return [...value].length;
}

export function isValidYmd8(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const y = Number(value.slice(0, 4)), m = Number(value.slice(4, 6)), d = Number(value.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Input field names are upper-case and case-sensitive (docs/m3-facts.md, MI REST v2); lower-case names are the REST
 * context parameters (cono, divi, maxrecs, …) and are handled by the caller.
 */
export function validateInput(spec: MiTransactionSpec, given: Map<string, string[]>): Fields {
  const params: Fields = {};
  for (const [name, values] of given) {
    const field = spec.inputs.get(name);
    if (!field) throw new MiNok(`Field ${name} is not an input field of ${spec.program}.${spec.transaction}`, { code: 'FIELD_UNKNOWN', field: name });
    if (values.length > 1) throw new MiNok(`Field ${name} was given ${values.length} times`, { code: 'FIELD_REPEATED', field: name });
    params[name] = values[0];
  }
  for (const field of spec.inputs.values()) {
    const value = params[field.name];
    if (value === undefined || value.trim() === '') {
      if (field.mandatory) throw new MiNok(`${field.name} must be entered`, { code: 'MANDATORY', field: field.name });
      delete params[field.name];
      continue;
    }
    if (field.type === 'N') {
      const digits = value.replace(/[-.]/g, '').length;
      if (!NUMBER.test(value) || digits === 0) throw new MiNok(`${field.name} must be numeric, got ${JSON.stringify(value.slice(0, 40))}`, { code: 'NOT_NUMERIC', field: field.name });
      if (digits > field.length) throw new MiNok(`${field.name} has ${digits} digits, the maximum is ${field.length}`, { code: 'TOO_LONG', field: field.name });
      continue;
    }
    if (field.type === 'D') {
      if (!isValidYmd8(value)) throw new MiNok(`${field.name} must be a date yyyyMMdd, got ${JSON.stringify(value.slice(0, 40))}`, { code: 'INVALID_DATE', field: field.name });
      continue;
    }
    const length = charLength(value);
    if (length > field.length) throw new MiNok(`${field.name} is ${length} characters long, the maximum is ${field.length}`, { code: 'TOO_LONG', field: field.name });
  }
  return params;
}
