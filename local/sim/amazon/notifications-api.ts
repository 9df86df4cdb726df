/** Notifications API v1 on the simulator: destinations (grantless token), subscriptions (seller token) with ORDER_CHANGE's eventFilter rules, duplicates answered 409 like Amazon (docs/amazon-facts.md, Notifications, docs/amazon-facts.md). */
import { z } from 'zod';
import type { SimContext } from './sim-context';
import { json, spError, type Route } from './sim-http';
import { nextId } from './sim-state';

const MODEL = 'notifications-api-model/notifications.json';
const model = (path: string, method: 'get' | 'post' | 'delete') => ({ file: MODEL, path, method });
const SUBS = '/notifications/v1/subscriptions/{notificationType}';
const SUB_BY_ID = '/notifications/v1/subscriptions/{notificationType}/{subscriptionId}';
/** Types the SQS workflow delivers; EventBridge-only types are refused for SQS destinations (docs/amazon-facts.md, Deprecations to know first). */
const EVENTBRIDGE_ONLY = ['BRANDED_ITEM_CONTENT_CHANGE', 'ITEM_PRODUCT_TYPE_CHANGE', 'LISTINGS_ITEM_STATUS_CHANGE', 'LISTINGS_ITEM_ISSUES_CHANGE', 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', 'PRODUCT_TYPE_DEFINITIONS_CHANGE'];

const CreateSubscriptionSchema = z.object({
  payloadVersion: z.string(),
  destinationId: z.string(),
  processingDirective: z.object({
    eventFilter: z.object({ eventFilterType: z.string(), marketplaceIds: z.array(z.string()).optional() }).passthrough().optional(),
    filterExpression: z.string().optional(),
  }).passthrough().optional(),
});

export function notificationsRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'POST', pattern: '/notifications/v1/destinations', operation: 'createDestination', grantless: true, model: model('/notifications/v1/destinations', 'post'),
      handler: (req) => {
        const body = z.object({ name: z.string().min(1), resourceSpecification: z.object({ sqs: z.object({ arn: z.string() }).optional(), eventBridge: z.object({ region: z.string(), accountId: z.string() }).optional() }) }).safeParse(req.body);
        if (!body.success || (!body.data.resourceSpecification.sqs && !body.data.resourceSpecification.eventBridge)) return spError(400, 'InvalidInput', 'name and resourceSpecification (sqs or eventBridge) are required.');
        const spec = body.data.resourceSpecification;
        const existing = ctx.state.destinations.find((d) => JSON.stringify(d.resource) === JSON.stringify(spec.sqs ? { sqs: spec.sqs } : { eventBridge: spec.eventBridge }));
        if (existing) return spError(409, 'Conflict', 'A destination for this resource already exists.', `destinationId: ${existing.destinationId}`);
        const destination = {
          destinationId: nextId(ctx.state, 'sim-dest-'),
          name: body.data.name,
          resource: spec.sqs ? { sqs: spec.sqs } : { eventBridge: { ...spec.eventBridge, name: `aws.partner/sellingpartnerapi.amazon/${spec.eventBridge?.accountId ?? ''}` } },
        };
        ctx.state.destinations.push(destination);
        ctx.persist();
        return json(200, { payload: destination });
      },
    },
    {
      method: 'GET', pattern: '/notifications/v1/destinations', operation: 'getDestinations', grantless: true, model: model('/notifications/v1/destinations', 'get'),
      handler: () => json(200, { payload: ctx.state.destinations }),
    },
    {
      method: 'POST', pattern: SUBS, operation: 'createSubscription', model: model(SUBS, 'post'),
      handler: (req) => {
        const type = req.params.notificationType;
        const body = CreateSubscriptionSchema.safeParse(req.body);
        if (!body.success) return spError(400, 'InvalidInput', 'payloadVersion and destinationId are required.');
        const destination = ctx.state.destinations.find((d) => d.destinationId === body.data.destinationId);
        if (!destination) return spError(400, 'InvalidInput', `No destination with id ${body.data.destinationId} for this application.`);
        if (destination.resource.sqs !== undefined && EVENTBRIDGE_ONLY.includes(type)) return spError(400, 'InvalidInput', `Notification type ${type} does not support AWS_SQS.`);
        if (destination.resource.eventBridge !== undefined && !EVENTBRIDGE_ONLY.includes(type)) return spError(400, 'InvalidInput', `Notification type ${type} does not support AWS_EVENT_BRIDGE.`);
        const directive = body.data.processingDirective;
        if (type === 'ORDER_CHANGE') {
          if (!directive?.eventFilter && !directive?.filterExpression) return spError(400, 'InvalidInput', 'Processing Directive eventFilter must not be empty.');
          if (directive.eventFilter && directive.eventFilter.eventFilterType !== 'ORDER_CHANGE') return spError(400, 'InvalidInput', 'eventFilterType must be ORDER_CHANGE for ORDER_CHANGE subscriptions.');
          if (directive.eventFilter?.marketplaceIds) return spError(400, 'InvalidInput', 'EventFilter failed to validate for notification type ORDER_CHANGE.');
        }
        const sellerId = req.sellerId ?? ctx.config.sellerId;
        const existing = ctx.state.subscriptions.find((s) => s.sellerId === sellerId && s.notificationType === type && s.payloadVersion === body.data.payloadVersion);
        if (existing) return spError(409, 'Conflict', 'Subscription already exists for this notification type.', `subscriptionId: ${existing.subscriptionId}`);
        const subscription = { subscriptionId: nextId(ctx.state, 'sim-sub-'), sellerId, notificationType: type, payloadVersion: body.data.payloadVersion, destinationId: body.data.destinationId, ...(directive ? { processingDirective: directive } : {}) };
        ctx.state.subscriptions.push(subscription);
        ctx.persist();
        const { sellerId: _s, notificationType: _t, ...payload } = subscription;
        return json(200, { payload });
      },
    },
    {
      method: 'GET', pattern: SUBS, operation: 'getSubscription', model: model(SUBS, 'get'),
      handler: (req) => {
        const sellerId = req.sellerId ?? ctx.config.sellerId;
        const version = req.query.get('payloadVersion');
        const found = ctx.state.subscriptions.find((s) => s.sellerId === sellerId && s.notificationType === req.params.notificationType && (!version || s.payloadVersion === version));
        if (!found) return spError(404, 'NotFound', `No subscription for ${req.params.notificationType}.`);
        const { sellerId: _s, notificationType: _t, ...payload } = found;
        return json(200, { payload });
      },
    },
    {
      method: 'DELETE', pattern: SUB_BY_ID, operation: 'deleteSubscriptionById', grantless: true, model: model(SUB_BY_ID, 'delete'),
      handler: (req) => {
        const before = ctx.state.subscriptions.length;
        ctx.state.subscriptions = ctx.state.subscriptions.filter((s) => !(s.subscriptionId === req.params.subscriptionId && s.notificationType === req.params.notificationType));
        if (ctx.state.subscriptions.length === before) return spError(404, 'NotFound', `Subscription ${req.params.subscriptionId} was not found.`);
        ctx.persist();
        return json(200, {});
      },
    },
  ];
}
