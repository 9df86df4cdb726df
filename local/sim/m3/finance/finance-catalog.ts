/**
 * MI repository entries of the finance transactions the sandbox simulates (same token format as mi-catalog-data.ts):
 * ARS040MI from Infor's generated Swagger (v14.x) and the 2024 generated client, which agree on the required fields;
 * OIS350MI, CRS610MI.GetOrderInfo and EXPORTMI.Select with the inputs the app uses and the outputs named in the same
 * sources (output lists are partial: only the columns the sandbox fills).
 */
export const FINANCE_CATALOG_DATA: Record<string, { in: string; out: string }> = {
  'ARS040MI/AddBatchHead': {
    in: 'PBID:N10! BOPE:A3! CONO:N3 DIVI:A3 BAAN:A15 NADO:A2 VONO:N8 ACDT:D10 BPYS:N1',
    out: 'PBID',
  },
  'ARS040MI/AddBatchLine': {
    in: 'PBID:N10! TRNO:N7! CINO:A15! INYR:N4! CUNO:A10! PYAM:N17! CONO:N3 DIVI:A3 PYNO:A10 PYTP:A2 CUCD:A3 ARAT:N12 LPDT:D10 NBCM:N17 ORAT:N14 NBAM:N17 ADAM:N17 ACDA:N17 CDDT:D10 CKNO:A15 AIT1:A10 AIT2:A10 AIT3:A10 AIT4:A10 AIT5:A10 AIT6:A10 AIT7:A10 CKST:A2 IRNO:A40',
    out: '',
  },
  'ARS040MI/AddBatchCharge': {
    in: 'PBID:N10! CHAM:N17! CONO:N3 DIVI:A3 CHRI:A3 CUCD:A3 ARAT:N12 VTCD:N2 VTAM:N17 BVTM:N17',
    out: '',
  },
  'ARS040MI/ControlBatch': {
    in: 'CONO:N3 DIVI:A3 PBID:N10',
    out: '',
  },
  'OIS350MI/LstInvHeadByCo': {
    in: 'ORNO:A10! CONO:N3 DIVI:A3',
    out: 'DIVI ORNO IVNO YEA4 INPX EXIN IVDT DUDT CUNO PYNO CUCD RAFC',
  },
  'OIS350MI/LstAllInvByCO': {
    in: 'ORNO:A10! CONO:N3 DIVI:A3',
    out: 'DIVI ORNO IVNO YEA4 INPX EXIN IVDT CUNO PYNO CUCD IVAV VTAM RAFC CASH',
  },
  'CRS610MI/GetOrderInfo': {
    in: 'CUNO:A10! CONO:N3',
    out: 'CONO DIVI CUNO ORTP PLTB DISY TINC CUCD TEPY MODL TEDL',
  },
  'EXPORTMI/Select': {
    in: 'QERY:A1024! SEPC:A1 HDRS:N1',
    out: 'REPL',
  },
};
