/** CUSEXTMI customer generic extension table (docs/m3-facts.md, Field lengths and formats): custom field values keyed by FILE + PK01…PK08, e.g. FILE=OOHEAD, PK01=ORNO. */
import type { Fields } from '../m3-sim-state';
import { type MiHandlers } from '../mi-handler';
import { MiNok } from '../mi-nok';

const KEY_FIELDS = ['FILE', 'PK01', 'PK02', 'PK03', 'PK04', 'PK05', 'PK06', 'PK07', 'PK08'];

function recordKey(params: Fields): string {
  return KEY_FIELDS.map((k) => params[k] ?? '').join('\u0000');
}

function missing(params: Fields): MiNok {
  return new MiNok(`Record ${KEY_FIELDS.map((k) => params[k] ?? '').filter(Boolean).join('/')} does not exist`, { code: 'NOT_FOUND', field: 'PK01' });
}

function valueFields(params: Fields): Fields {
  const { VEXI: _vexi, TXID: _txid, ...rest } = params;
  return rest;
}

export const cusextmiHandlers: MiHandlers = {
  AddFieldValue({ params }, ctx) {
    const key = recordKey(params);
    if (ctx.data.extensionFields[key]) throw new MiNok(`Record ${params.FILE}/${params.PK01} already exists`, { code: 'EXISTS', field: 'PK01' });
    const stamp = ctx.now().toISOString();
    ctx.data.extensionFields[key] = { ...valueFields(params), RGDT: stamp.slice(0, 10).replace(/-/g, ''), LMDT: stamp.slice(0, 10).replace(/-/g, ''), CHNO: '1' };
    return [];
  },

  ChgFieldValue({ params }, ctx) {
    const key = recordKey(params);
    const existing = ctx.data.extensionFields[key];
    if (!existing) throw missing(params);
    ctx.data.extensionFields[key] = { ...existing, ...valueFields(params), LMDT: ctx.now().toISOString().slice(0, 10).replace(/-/g, ''), CHNO: String(Number(existing.CHNO ?? '0') + 1) };
    return [];
  },

  GetFieldValue({ params }, { data }) {
    const existing = data.extensionFields[recordKey(params)];
    if (!existing) throw missing(params);
    return [{ ...existing }];
  },

  /** Lists the records whose given key fields match, in key order. */
  LstFieldValue({ params }, { data }) {
    return Object.values(data.extensionFields)
      .filter((r) => KEY_FIELDS.every((k) => params[k] === undefined || r[k] === params[k]))
      .sort((a, b) => recordKey(a).localeCompare(recordKey(b)))
      .map((r) => ({ ...r }));
  },

  DelFieldValue({ params }, { data }) {
    const key = recordKey(params);
    if (!data.extensionFields[key]) throw missing(params);
    delete data.extensionFields[key];
    return [];
  },
};
