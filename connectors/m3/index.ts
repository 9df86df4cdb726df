/** Public surface of the M3 connector: `.ionapi` parsing, token provider, MI REST v2 client, typed transaction wrappers. */
export { parseIonApiFile, IonApiFileSchema, miRootUrl, tokenUrl, type IonApiFile } from './ionapi-file';
export { IonApiTokenProvider, type AccessTokenSource, type IonApiTokenProviderOptions } from './ionapi-token-provider';
export { basicAuth, bearerFrom, staticBearer, type M3Authorization } from './m3-authorization';
export { M3Client, createM3ClientFromIonApi, createDirectM3Client, type M3ClientOptions, type MiExecutor, type ExecuteOptions, type BulkCall, type BulkOutcome } from './m3-client';
export type { MiRecord } from './mi-response';
export * as ois100mi from './ois100mi';
export * as crs610mi from './crs610mi';
export * as itemBalances from './item-balances';
export * as gls840mi from './gls840mi';
export * as cusextmi from './cusextmi';
export * as ars040mi from './ars040mi';
export * as ois350mi from './ois350mi';
export * as exportmi from './exportmi';
export * as salesPrices from './sales-prices';
export { listWarehouseBalances, readItemFigures, type ItemFiguresReader, type WarehouseBalance } from './item-balances';
export { redactPersonalData } from './mi-errors';
export { coalescedReads, type BulkReader } from './coalesced-reads';
