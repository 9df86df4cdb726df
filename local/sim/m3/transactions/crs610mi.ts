/** CRS610MI customer interface (docs/m3-facts.md, CRS610MI customers): Add from a template customer, GetBasicData, LstByNumber, LstByName. */
import type { Fields, SimCustomer, SimData } from '../m3-sim-state';
import { notFound, type MiHandlers } from '../mi-handler';
import { MiNok } from '../mi-nok';

function list(data: SimData, key: 'CUNO' | 'CUNM', from: string | undefined): Fields[] {
  return Object.values(data.customers)
    .filter((c) => !from || (c[key] ?? '') >= from)
    .sort((a, b) => (a[key] ?? '').localeCompare(b[key] ?? '') || a.CUNO.localeCompare(b.CUNO))
    .map((c) => ({ ...c }));
}

const CUSTOMER_STATUSES = ['10', '20', '90'];

export const crs610miHandlers: MiHandlers = {
  Add({ params }, { data }) {
    const template = data.customers[params.CUTM];
    if (!template || !data.customerTemplates.includes(params.CUTM)) throw notFound('Customer template', 'CUTM', params.CUTM);
    let cuno = params.CUNO;
    if (cuno && data.customers[cuno]) throw new MiNok(`Customer number ${cuno} already exists`, { code: 'EXISTS', field: 'CUNO' });
    if (!cuno) {
      // Automatic numbering from a series, as when CRS610 has a number series for the template's customer type.
      do {
        data.counters.customer += 1;
        cuno = `C${String(data.counters.customer).padStart(9, '0')}`;
      } while (data.customers[cuno]);
    }
    // Customer status (CRS610): 10 preliminary, 20 definite, 90 blocked; without STAT the template's status is copied.
    if (params.STAT !== undefined && !CUSTOMER_STATUSES.includes(params.STAT)) throw new MiNok(`Customer status ${params.STAT} is invalid`, { code: 'INVALID_VALUE', field: 'STAT' });
    const { CUTM: _template, ...fields } = params;
    const customer: SimCustomer = { ...fields, CUNO: cuno, CUNM: params.CUNM, STAT: params.STAT ?? template.STAT };
    data.customers[cuno] = customer;
    return [{ CUNO: cuno, ERRM: '' }];
  },

  GetBasicData({ params, cono, divi }, { data }) {
    const customer = data.customers[params.CUNO];
    if (!customer) throw notFound('Customer', 'CUNO', params.CUNO);
    return [{ CONO: cono, DIVI: divi, ...customer }];
  },

  LstByNumber({ params }, { data }) {
    return list(data, 'CUNO', params.CUNO);
  },

  LstByName({ params }, { data }) {
    return list(data, 'CUNM', params.CUNM);
  },
};
