// Public surface of the prices core: the mapping section, the guarded price decision and the purchasable_offer patch.
export { PricesMappingSchema, PriceSourceSchema, type PricesMapping, type PriceSource } from './price-mapping';
export { decidePrice, offerAmount, type PriceCandidate, type PriceDecision, type PriceGuardrails, type PriceKnowledge } from './price-plan';
export { purchasableOfferPatch, type OfferPrice, type PurchasableOffer, type PurchasableOfferPatch } from './purchasable-offer';
