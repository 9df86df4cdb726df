/** Public surface of the mapping engine. */
export { MappingsSchema, type Mappings, type MappingsInput, type MarketplaceMapping, type ChargeMapping, type CustomField, type CarrierTarget, type OrderAction } from './mappings-schema';
export { loadMappings, loadMappingsText, loadMappingsDir, formatIssue } from './load-mappings';
export { MappingError } from './mapping-error';
export { resolveCarrier, type AmazonCarrier } from './resolve-carrier';
export { resolveItemStatically, fitsItemNumber, ITNO_LENGTH, type ItemResolution } from './resolve-item';
