// Public surface of the prices core: the mapping section, the guarded price decisions and the purchasable_offer patch.
export { BusinessPriceSchema, PricesMappingSchema, PriceSourceSchema, type BusinessPrice, type PricesMapping, type PriceSource } from './price-mapping';
export { decidePrice, offerAmount, type PriceCandidate, type PriceDecision, type PriceGuardrails, type PriceKnowledge } from './price-plan';
export { businessOfferText, decideBusinessOffer, parseBusinessOfferText, type BusinessCandidate, type BusinessDecision, type BusinessOffer, type BusinessParkReason, type DiscountType, type QuantityTier } from './business-offer';
export { purchasableOfferPatch, purchasableOfferPatches, type OfferPrice, type OfferSelector, type PurchasableOffer, type PurchasableOfferDeletePatch, type PurchasableOfferMergePatch, type PurchasableOfferPatch, type QuantityDiscountPlan } from './purchasable-offer';
export { decideBusinessRemovals, type RemovalDecision, type RemovalInput, type RemovalParkReason } from './business-removal';
export { percentOffPrice } from './business-derived';
export { currencyDecimals } from './currency';
