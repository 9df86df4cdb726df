/** CRS610MI.GetOrderInfo: the customer's order settings, among them TINC 'VAT included' (1 = prices include VAT). */
import { notFound, type MiHandlers } from '../mi-handler';

export const crs610miOrderInfoHandlers: MiHandlers = {
  GetOrderInfo({ params, cono, divi }, { data }) {
    const customer = data.customers[params.CUNO];
    if (!customer) throw notFound('Customer', 'CUNO', params.CUNO);
    return [{
      CONO: cono, DIVI: divi, CUNO: customer.CUNO, ORTP: customer.ORTP ?? '', PLTB: customer.PLTB ?? '', DISY: customer.DISY ?? '',
      TINC: customer.TINC ?? '0', CUCD: customer.CUCD ?? '', TEPY: customer.TEPY ?? '', MODL: customer.MODL ?? '', TEDL: customer.TEDL ?? '',
    }];
  },
};
