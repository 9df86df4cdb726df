// Test support: the settlement mapping used with the US and DE fixtures (rules in priority order).
import { SettlementMappingSchema } from '../../../core/settlement/settlement-mapping';

export const fixtureMapping = SettlementMappingSchema.parse({
  suspenseAccount: '1999',
  clearingAccount: '1950',
  rules: [
    { transactionType: 'Refund', amountType: 'ItemPrice', account: '3020' },
    { marketplace: 'Amazon.fr', amountType: 'ItemPrice', amountDescription: 'Principal', account: '3010', dimensions: { AIT2: 'FR' } },
    { amountType: 'ItemPrice', amountDescription: 'Principal', account: '3010' },
    { amountType: 'ItemPrice', amountDescription: 'Shipping', account: '3030' },
    { amountType: 'ItemPrice', amountDescription: 'Tax', account: '2610' },
    { amountType: 'ItemWithheldTax', account: '2610' },
    { amountType: 'ItemFees', amountDescription: '*Commission', account: '6110' },
    { amountType: 'ItemFees', amountDescription: 'FBA*', account: '6120' },
    { amountType: 'Promotion', account: '3090' },
    { transactionType: '*Reserve*', account: '1960' },
    { transactionType: 'ServiceFee', account: '6130', dimensions: { AIT3: 'AMAZON' } },
  ],
  gl: { company: '100', division: 'AAA', interfaceName: 'AMZSETTLE' },
});
