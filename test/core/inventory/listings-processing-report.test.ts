import { readListingsProcessingReport } from '../../../core/inventory/listings-processing-report';
import { PermanentError } from '../../../core/errors';
import { compileFeedSchema, itWithSchemas } from './amazon-feed-schemas';

const report = {
  header: { sellerId: 'A3TH9S8BH6GOGM', version: '2.0', feedId: '50012019' },
  issues: [
    { messageId: 2, sku: 'SKU-2', code: '90220', severity: 'ERROR', message: "'[fulfillment_availability]' is invalid." },
    { messageId: 2, sku: 'SKU-2', code: '18027', severity: 'WARNING', message: 'Quantity was capped.' },
    { messageId: 3, code: '18028', severity: 'WARNING', message: 'Handling time defaulted.', attributeName: 'fulfillment_availability' },
  ],
  summary: { errors: 1, warnings: 2, messagesProcessed: 3, messagesAccepted: 2, messagesInvalid: 1 },
};
const sent = { 1: 'SKU-1', 2: 'SKU-2', 3: 'SKU-3' };

describe('readListingsProcessingReport', () => {
  itWithSchemas('reads a report that conforms to listings-feed-processing-report-schema-v2.json', () => {
    const validate = compileFeedSchema('listings-feed-processing-report-schema-v2.json');
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  it('gives every sent SKU an outcome: errors with Amazon\'s code, warnings-only as accepted', () => {
    const reading = readListingsProcessingReport(report, sent);
    expect(reading.feedId).toBe('50012019');
    expect(reading.outcomes).toEqual([
      { sku: 'SKU-1', messageId: 1, status: 'accepted', warnings: [] },
      { sku: 'SKU-2', messageId: 2, status: 'error', issues: [
        { code: '90220', message: "'[fulfillment_availability]' is invalid.", severity: 'ERROR' },
        { code: '18027', message: 'Quantity was capped.', severity: 'WARNING' },
      ] },
      { sku: 'SKU-3', messageId: 3, status: 'accepted', warnings: [
        { code: '18028', message: 'Handling time defaulted.', severity: 'WARNING', attributeName: 'fulfillment_availability' },
      ] },
    ]);
  });

  it('marks every message as failed when the feed itself has an error', () => {
    const fatal = { ...report, issues: [{ code: '100', severity: 'ERROR', message: 'Feed is not valid JSON.' }], summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 } };
    const reading = readListingsProcessingReport(fatal, sent);
    expect(reading.outcomes.every((o) => o.status === 'error')).toBe(true);
    expect(reading.feedIssues).toHaveLength(1);
  });

  it('refuses a document that is not a processing report, naming the path', () => {
    expect(() => readListingsProcessingReport({ header: { sellerId: 'S', version: '2.0' }, issues: [], summary: {} })).toThrow(PermanentError);
    expect(() => readListingsProcessingReport({ header: { sellerId: 'S', version: '2.0' }, issues: [], summary: {} })).toThrow(/header\.feedId/);
  });
});
