// Mapping section "listings": Amazon product type per M3 item group and how M3 item master fields become listing attributes.
import { z } from 'zod';

/** Which canonical ItemMaster field feeds an attribute; `attributes.<key>` reads the free-form attribute bag. */
const SourceFieldSchema = z.string().min(1);

const UnitMapSchema = z.record(z.string().min(1), z.string().min(1));

export const ListingsMappingSchema = z
  .object({
    /** Amazon product type per M3 item group (ITGR), with a fallback; "PRODUCT" only suits offer-only patches. */
    productTypes: z
      .object({
        perItemGroup: z.record(z.string().min(1), z.string().min(1)).default({}),
        default: z.string().min(1).default('PRODUCT'),
      })
      .default({}),
    /** Where the item group is read from in the canonical item's attributes (BOD Classification type "Item Group", M3 ITGR). */
    itemGroupAttribute: z.string().min(1).default('Item Group'),
    /** Language tag per marketplace id (Listings attributes carry `language_tag`, e.g. "de_DE"). */
    languages: z
      .record(z.string().min(1), z.string().regex(/^[a-z]{2}_[A-Z]{2}$/))
      .default({
        ATVPDKIKX0DER: 'en_US',
        A2EUQ1WTGCTBG2: 'en_CA',
        A1AM78C64UM0Y8: 'es_MX',
        A1F83G8C2ARO7P: 'en_GB',
        A1PA6795UKMFR9: 'de_DE',
        A13V1IB3VIYZZH: 'fr_FR',
        APJ6JRA9NG5V4: 'it_IT',
        A1RKKUPIHCS9HS: 'es_ES',
        A1805IZSGTT6HS: 'nl_NL',
        A2NODRKZP88ZB9: 'sv_SE',
        A1C3SOZRARQ6R3: 'pl_PL',
        A1VC38T7YXB528: 'ja_JP',
      }),
    /**
     * M3 description language (descriptions key, e.g. "GB", "DE") per language tag; unmapped tags try the tag,
     * its language and its country in upper case, then English ("GB"/"EN"), then the first description.
     */
    descriptionLanguage: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Attribute templates: which canonical field feeds which Amazon attribute. */
    attributes: z
      .object({
        title: SourceFieldSchema.default('descriptions'),
        brand: z
          .object({ fixed: z.string().min(1).optional(), source: SourceFieldSchema.optional() })
          .default({ source: 'attributes.Brand' }),
        /** `externally_assigned_product_identifier` type for the GTIN (ean, upc, gtin, isbn, jan). */
        identifierType: z.enum(['ean', 'upc', 'gtin', 'isbn', 'jan']).default('ean'),
        includeDimensions: z.boolean().default(true),
        includeWeight: z.boolean().default(true),
        /** Extra attributes copied as-is: Amazon attribute name -> canonical field. */
        extra: z.record(z.string().min(1), SourceFieldSchema).default({}),
      })
      .default({}),
    /** M3 unit codes -> Amazon unit names (item_package_dimensions / item_package_weight units). */
    units: z
      .object({
        // M3 writes UN/ECE Rec. 20 codes in BODs (CMT, KGM) and its own short codes in MMS001; both are mapped.
        length: UnitMapSchema.default({
          CMT: 'centimeters', MMT: 'millimeters', MTR: 'meters', INH: 'inches', FOT: 'feet',
          CM: 'centimeters', MM: 'millimeters', M: 'meters', IN: 'inches', FT: 'feet',
        }),
        weight: UnitMapSchema.default({
          KGM: 'kilograms', GRM: 'grams', LBR: 'pounds', ONZ: 'ounces',
          KG: 'kilograms', G: 'grams', LB: 'pounds', OZ: 'ounces',
        }),
      })
      .default({}),
    /** M3 item statuses that mean "do not sell": the listing is kept but its quantity is forced to 0. */
    blockedStatuses: z.array(z.string().min(1)).default(['50', '80', '90']),
    /** Whether a new listing is still created (with quantity 0) for a blocked/discontinued item; by default it is skipped. */
    createBlocked: z.boolean().default(false),
    /** Requirements set of a put: product facts only, because price and offer terms are not M3 item master data. */
    putRequirements: z.enum(['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY']).default('LISTING_PRODUCT_ONLY'),
    /** condition_type sent with a put (Amazon requires it for a new offer; "new_new" for new goods). */
    conditionType: z.string().min(1).default('new_new'),
  })
  .default({});

export type ListingsMapping = z.infer<typeof ListingsMappingSchema>;
