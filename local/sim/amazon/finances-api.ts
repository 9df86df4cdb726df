/**
 * Finances API 2024-06-19 on the simulator: `listTransactions` over the transactions a test stored with
 * `POST /_sim/finances` (each one a model `Transaction`, checked against the model on the way in).
 * Amazon's rules taken from the operation's parameter descriptions: `postedAfter` is required unless a related
 * identifier filters (only ORDER_ID and FINANCIAL_EVENT_GROUP_ID filter); `postedBefore` defaults to two minutes
 * before the request and must come after `postedAfter`; `nextToken` comes back with the same arguments.
 * A regional endpoint lists the transactions of its own marketplaces. The page size is not in the model; the
 * simulator pages by 100 (unconfirmed).
 */
import { z } from 'zod';
import type { SimContext } from './sim-context';
import { json, spError, type Route } from './sim-http';
import { simRegionOfMarketplace } from './region-endpoints';

const MODEL = 'finances-api-model/finances_2024-06-19.json';
const PAGE_SIZE = 100;
const TWO_MINUTES = 120_000;

const StoredTransaction = z.object({
  transactionId: z.string().min(1),
  postedDate: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'postedDate must be an ISO 8601 date-time'),
  marketplaceDetails: z.object({ marketplaceId: z.string() }).passthrough().optional(),
  transactionStatus: z.string().optional(),
  relatedIdentifiers: z.array(z.object({ relatedIdentifierName: z.string(), relatedIdentifierValue: z.string() }).passthrough()).optional(),
}).passthrough();

const PageSchema = z.object({ offset: z.number().int().min(0), query: z.string() });

type Stored = z.infer<typeof StoredTransaction>;

function transactionsOf(ctx: SimContext): Stored[] {
  return ctx.state.financeTransactions.map((t) => StoredTransaction.parse(t));
}

function relatedValue(t: Stored, name: string): string[] {
  return (t.relatedIdentifiers ?? []).filter((r) => r.relatedIdentifierName === name).map((r) => r.relatedIdentifierValue);
}

export function financesRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET', pattern: '/finances/2024-06-19/transactions', operation: 'listTransactions',
      model: { file: MODEL, path: '/finances/2024-06-19/transactions', method: 'get' },
      handler: (req) => {
        let offset = 0;
        const token = req.query.get('nextToken');
        const filters = new URLSearchParams(req.query);
        filters.delete('nextToken');
        if (token) {
          try {
            const page = PageSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
            if (page.query !== filters.toString()) return spError(400, 'InvalidInput', 'nextToken must be sent with the same arguments as the call that produced it.');
            offset = page.offset;
          } catch {
            return spError(400, 'InvalidInput', 'Invalid nextToken.');
          }
        }
        const now = ctx.clock.now();
        const idName = filters.get('relatedIdentifierName');
        const idValue = filters.get('relatedIdentifierValue');
        if ((idName === null) !== (idValue === null)) return spError(400, 'InvalidInput', 'relatedIdentifierName and relatedIdentifierValue go together.');
        if (idName !== null && idName !== 'ORDER_ID' && idName !== 'FINANCIAL_EVENT_GROUP_ID') return spError(400, 'InvalidInput', 'Only ORDER_ID and FINANCIAL_EVENT_GROUP_ID filter transactions.');
        const afterText = filters.get('postedAfter');
        if (afterText === null && idName === null) return spError(400, 'InvalidInput', 'postedAfter is required when no related identifier is given.');
        const after = afterText === null ? Number.NEGATIVE_INFINITY : Date.parse(afterText);
        const beforeText = filters.get('postedBefore');
        const before = beforeText === null ? now - TWO_MINUTES : Date.parse(beforeText);
        if (Number.isNaN(after) || Number.isNaN(before)) return spError(400, 'InvalidInput', 'postedAfter and postedBefore must be ISO 8601 date-times.');
        if (afterText !== null && after > now - TWO_MINUTES) return spError(400, 'InvalidInput', 'postedAfter must be more than two minutes before the time of the request.');
        if (beforeText !== null && before > now - TWO_MINUTES) return spError(400, 'InvalidInput', 'postedBefore must be more than two minutes before the time of the request.');
        if (afterText !== null && before <= after) return spError(400, 'InvalidInput', 'postedBefore must be later than postedAfter.');
        const marketplace = filters.get('marketplaceId');
        const status = filters.get('transactionStatus');
        const tooWide = afterText !== null && before - after > 180 * 86_400_000;
        const matching = tooWide ? [] : transactionsOf(ctx)
          .filter((t) => { const at = Date.parse(t.postedDate); return at >= after && at < before; })
          .filter((t) => marketplace === null || t.marketplaceDetails?.marketplaceId === marketplace)
          // A regional endpoint answers for its own marketplaces only.
          .filter((t) => !req.region || !t.marketplaceDetails || simRegionOfMarketplace(t.marketplaceDetails.marketplaceId) === req.region)
          .filter((t) => status === null || t.transactionStatus === status)
          .filter((t) => idName === null || relatedValue(t, idName).includes(idValue ?? ''))
          .sort((a, b) => Date.parse(a.postedDate) - Date.parse(b.postedDate) || a.transactionId.localeCompare(b.transactionId));
        const page = matching.slice(offset, offset + PAGE_SIZE);
        const payload: Record<string, unknown> = { transactions: page };
        if (offset + PAGE_SIZE < matching.length) payload.nextToken = Buffer.from(JSON.stringify({ offset: offset + PAGE_SIZE, query: filters.toString() })).toString('base64url');
        return json(200, { payload });
      },
    },
    {
      method: 'POST', pattern: '/_sim/finances',
      handler: (req) => {
        const list: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
        const reasons: string[] = [];
        list.forEach((t, i) => {
          if (ctx.validator) {
            const validate = ctx.validator.definition(MODEL, 'Transaction');
            if (!validate(t)) reasons.push(...(validate.errors ?? []).slice(0, 10).map((e) => `[${i}]${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
          }
          const parsed = StoredTransaction.safeParse(t);
          if (!parsed.success) reasons.push(...parsed.error.issues.map((e) => `[${i}]/${e.path.join('/')} ${e.message}`));
        });
        if (reasons.length > 0) return json(400, { error: 'invalid transaction', reasons });
        const stored = list.map((t) => StoredTransaction.parse(t));
        for (const t of stored) {
          const at = ctx.state.financeTransactions.findIndex((x) => StoredTransaction.parse(x).transactionId === t.transactionId);
          if (at >= 0) ctx.state.financeTransactions[at] = t; else ctx.state.financeTransactions.push(t);
        }
        ctx.persist();
        return json(201, { transactionIds: stored.map((t) => t.transactionId) });
      },
    },
  ];
}
