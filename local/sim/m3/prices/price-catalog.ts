/**
 * MI repository entries of the sales-price transactions the sandbox simulates (same token format as mi-catalog-data.ts),
 * after Infor's generated Swagger of OIS017MI ("Sales Price List interface") and OIS320MI ("Price and discount inquiry
 * interface"). Output lists are partial: only the columns the sandbox fills.
 */
export const PRICE_CATALOG_DATA: Record<string, { in: string; out: string }> = {
  'OIS017MI/LstPriceList': {
    in: 'CONO:N3 PRRF:A10 CUCD:A3 CUNO:A10 FVDT:D10 NFTR:N1',
    out: 'PRRF CUCD CUNO FVDT LVDT TX15',
  },
  'OIS017MI/GetPriceList': {
    in: 'PRRF:A10! CUCD:A3! FVDT:D10! CONO:N3 CUNO:A10',
    out: 'PRRF CUCD CUNO FVDT LVDT TX15 TX40',
  },
  'OIS017MI/LstBasePrice': {
    in: 'PRRF:A10! CUCD:A3! FVDT:D10! CONO:N3 CUNO:A10',
    out: 'PRRF CUCD CUNO FVDT LVDT ITNO SAPR SACD SPUN',
  },
  'OIS017MI/GetBasePrice': {
    in: 'PRRF:A10! CUCD:A3! FVDT:D10! ITNO:A15! CONO:N3 CUNO:A10',
    out: 'PRRF CUCD CUNO FVDT LVDT ITNO SAPR SACD SPUN',
  },
  'OIS320MI/GetPriceLine': {
    in: 'CUNO:A10! ITNO:A15! CONO:N3 FACI:A3 WHLO:A3 ORDT:D10 ORQA:N15 CUCD:A3 ORTP:A3 PRRF:A10',
    out: 'CUNO ITNO SAPR NETP PRRF PRMO CUCD SPUN SACD TINC',
  },
};
