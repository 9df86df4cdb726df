/**
 * MI repository entries of OIS390MI 'Customer Return' (same token format as mi-catalog-data.ts), from Infor's
 * generated Swagger (v6405) and the 2024 generated client, which agree on these inputs. Output lists are partial:
 * only the columns the sandbox fills.
 */
export const RETURNS_CATALOG_DATA: Record<string, { in: string; out: string }> = {
  'OIS390MI/AddHead': {
    in: 'WHLO:A3! CONO:N3 CUNO:A10 REPN:N10 RORN:A10 EXIN:A14 YEA4:N4 DIVI:A3 EPDT:D10 FACI:A3 PYNO:A10 RPA1:N1 RPA2:A1 RSCD:A3 RERE:A10 YREF:A30 ORTP:A3',
    out: 'REPN',
  },
  'OIS390MI/AddLine': {
    in: 'WHLO:A3! REPN:N10! REQ0:N17! CONO:N3 RORL:N6 RORX:N3 ITNO:A15 EPDT:D10 RSCD:A3 WHSL:A10 SAPR:N19 BANO:A20 UCOS:N19 RPA5:A10',
    out: 'RELI TREL',
  },
  'OIS390MI/GetHead': {
    in: 'WHLO:A3! REPN:N10! CONO:N3',
    out: 'WHLO REPN ORNO CUNO RESL RESH CRSB CRSH IVNO YEA4 EXIN ORTP RSCD YREF',
  },
  'OIS390MI/LstLine': {
    in: 'WHLO:A3! REPN:N10! CONO:N3',
    out: 'WHLO REPN RELI ORNO PONR POSX ITNO REST REQ0 REQ1 REQ2 REQ3 REQ6 REQ7 SAPR CRES RSCD WHSL',
  },
};
