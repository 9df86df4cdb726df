// Mapping section "settlement": Amazon settlement lines -> M3 GL accounts/dimensions, and the GLS840MI interface shape.
import { z } from 'zod';

/** M3 accounting dimension (AIT1..AIT7) values are at most 10 characters (GLS840MI, docs/m3-facts.md, GL interface (GLS840MI)). */
const DimensionSchema = z.string().max(10);

const DimensionsSchema = z
  .object({
    AIT2: DimensionSchema.optional(),
    AIT3: DimensionSchema.optional(),
    AIT4: DimensionSchema.optional(),
    AIT5: DimensionSchema.optional(),
    AIT6: DimensionSchema.optional(),
    AIT7: DimensionSchema.optional(),
  })
  .default({});

/** A matcher: exact text, or with `*` wildcards (any run of characters); case-insensitive. */
const PatternSchema = z.string().min(1).default('*');

export const SettlementRuleSchema = z.object({
  transactionType: PatternSchema,
  amountType: PatternSchema,
  amountDescription: PatternSchema,
  /** Optional marketplace filter (settlement `marketplace-name`, e.g. "Amazon.de"). */
  marketplace: PatternSchema,
  /** AIT1 = the GL account. */
  account: DimensionSchema.min(1),
  dimensions: DimensionsSchema,
  /** Voucher text (VTXT, 40) for the line; defaults to "<type>/<amount type>/<description>". */
  text: z.string().max(40).optional(),
  /**
   * Cash application only: book this fee as a charge of the ARS040 payment batch (CHRI A3, VAT code VTCD N2) instead
   * of a journal line. Without it, fees go to the GLS840 journal against the clearing account.
   */
  paymentCharge: z.object({ chargeId: z.string().min(1).max(3), vatCode: z.string().regex(/^\d{1,2}$/).optional() }).strict().optional(),
});

export type SettlementRule = z.infer<typeof SettlementRuleSchema>;

/** One field of a GLS850 position-based (usage type 1) PARM record: 1-based start and length. */
export const ParmFieldSchema = z.object({
  name: z.enum([
    'INRI', 'DIVI', 'AIT1', 'AIT2', 'AIT3', 'AIT4', 'AIT5', 'AIT6', 'AIT7',
    'CUCD', 'CUAM', 'ACAM', 'DBCR', 'ACDT', 'VTXT', 'VTCD', 'ACQT', 'ARAT', 'CRTP', 'CONST',
  ]),
  start: z.number().int().min(1).max(900),
  length: z.number().int().min(1).max(900),
  /** Only for name "CONST": a fixed value the template expects at this position. */
  value: z.string().optional(),
  /** Amount fields: numbers are right-aligned; text is left-aligned and space-padded. */
  align: z.enum(['left', 'right']).optional(),
});

export type ParmField = z.infer<typeof ParmFieldSchema>;

const DEFAULT_PARM_LAYOUT: ParmField[] = [
  { name: 'INRI', start: 1, length: 2 },
  { name: 'AIT1', start: 3, length: 10 },
  { name: 'AIT2', start: 13, length: 10 },
  { name: 'AIT3', start: 23, length: 10 },
  { name: 'AIT4', start: 33, length: 10 },
  { name: 'AIT5', start: 43, length: 10 },
  { name: 'AIT6', start: 53, length: 10 },
  { name: 'AIT7', start: 63, length: 10 },
  { name: 'CUCD', start: 73, length: 3 },
  { name: 'CUAM', start: 76, length: 17, align: 'right' },
  { name: 'ACDT', start: 93, length: 8 },
  { name: 'VTXT', start: 101, length: 40 },
];

/** Which settlement lines are what Amazon collected for an order (principal, shipping, gift wrap, their taxes, promotions). */
export const OrderAmountPatternSchema = z.object({
  transactionType: PatternSchema,
  amountType: PatternSchema,
  amountDescription: PatternSchema,
}).strict();

export const DEFAULT_ORDER_AMOUNTS = [
  { transactionType: '*', amountType: 'ItemPrice', amountDescription: '*' },
  { transactionType: '*', amountType: 'Promotion', amountDescription: '*' },
  // Marketplace-facilitator tax Amazon collects and withholds: it nets the collected tax out of the order's payment.
  { transactionType: '*', amountType: 'ItemWithheldTax', amountDescription: '*' },
];

export const CashApplicationSchema = z.object({
  /** BOPE (A3): the batch payment type defined in ARS075 (accounting string, accepted difference, reference used). */
  paymentType: z.string().min(1).max(3).default('AMZ'),
  /** BAAN (A15): the bank account the deposit arrives on, when the payment type does not imply it. */
  bankAccount: z.string().min(1).max(15).optional(),
  orderAmounts: z.array(OrderAmountPatternSchema).min(1).default(DEFAULT_ORDER_AMOUNTS),
  /** Which OIS350 invoice number is the AR invoice number (CINO) on this tenant: IVNO or the extended EXIN. */
  invoiceNumber: z.enum(['IVNO', 'EXIN']).default('IVNO'),
  /**
   * Order amounts of an M3 order without an invoice yet: `unapplied` books them on the marketplace customer's
   * unapplied-cash account and lists them for finance; `wait` parks the settlement until every order is invoiced.
   */
  uninvoiced: z.enum(['unapplied', 'wait']).default('unapplied'),
  unappliedAccount: DimensionSchema.min(1).default('2290'),
  unappliedDimensions: DimensionsSchema,
}).strict();

/**
 * How posted batches are read back before anything is posted again (EXPORTMI.Select; `{KEY1}`, `{PBID}`, `{CONO}` are
 * filled in). Table and column names depend on the M3 version: check them on the tenant. The values read are, in
 * this order: the GL batch's status and line count, and the payment batch's status, controlled flag, lines, charges.
 */
export const ReadBackSchema = z.object({
  glBatch: z.string().min(1).max(1024).default("STAT,NLIN from FGLINH where KEY1 = '{KEY1}'"),
  /** GLS840 status meaning "updated" (posted). */
  glPostedStatus: z.string().min(1).default('90'),
  paymentBatch: z.string().min(1).max(1024).default('BPYS,CTRL,NLIN,NCHG from ARS040H where PBID = {PBID}'),
}).strict();

export const SettlementMappingSchema = z
  .object({
    /**
     * `cash-application`: order amounts clear the M3 invoices through ARS040MI, the rest is a GLS840 journal.
     * `gl-only`: everything is a GLS840 journal. Unset: cash-application when the app creates orders in M3.
     */
    mode: z.enum(['cash-application', 'gl-only']).optional(),
    cashApplication: CashApplicationSchema.default({}),
    readBack: ReadBackSchema.default({}),
    rules: z.array(SettlementRuleSchema).default([]),
    /** Unknown (type, amount type, description) combinations are booked here and alerted. */
    suspenseAccount: DimensionSchema.min(1).default('1999'),
    /** The bank-clearing account that receives the deposit (offsets all other lines). */
    clearingAccount: DimensionSchema.min(1).default('1950'),
    clearingDimensions: DimensionsSchema,
    gl: z
      .object({
        company: z.string().regex(/^\d{1,3}$/).default('100'),
        division: z.string().max(3).optional(),
        /** INTN: the interface template name defined in GLS850. */
        interfaceName: z.string().min(1).max(15).default('AMAZON'),
        /** INRI: the input record identity the template expects on each line. */
        recordIdentity: z.string().min(1).max(2).default('I1'),
        /** 'position' = AddBatchLine with a PARM (usage type 1); 'field' = AddBatchLineFld (usage type 2). */
        lineMode: z.enum(['position', 'field']).default('position'),
        parmLayout: z.array(ParmFieldSchema).min(1).default(DEFAULT_PARM_LAYOUT),
        /** Decimal separator inside PARM amounts; a public GLS840 extension uses ',' (docs/m3-facts.md, Field lengths and formats). */
        parmDecimalSeparator: z.enum(['.', ',']).default('.'),
        /**
         * Sign rule of the journal. Lines are the counter-entry of Amazon's amounts (a sale Amazon credits the
         * seller is a GL credit; a fee is a debit) and the clearing line receives the deposit. `debit-positive`
         * sends debits as positive CUAM, `credit-positive` the opposite; `dbcr` sends CUAM unsigned with DBCR D/C.
         * It is journal-wide on purpose: flipping single rules would unbalance the batch. Which one applies is a
         * GLS850 template setting (docs/m3-facts.md, GL interface (GLS840MI), unverified per tenant).
         */
        sign: z.enum(['debit-positive', 'credit-positive', 'dbcr']).default('debit-positive'),
        /** Accounting date (ACDT) of the journal: the settlement's deposit date or its end date. */
        accountingDate: z.enum(['deposit-date', 'settlement-end-date']).default('deposit-date'),
        /** Whether to run UpdBatch right after a clean CtrlBatch, or leave the batch for review in GLS840. */
        autoUpdate: z.boolean().default(true),
      })
      .default({}),
  })
  .default({});

export type SettlementMapping = z.infer<typeof SettlementMappingSchema>;
