import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

// Our fixtures must be real Amazon shapes: validated against the official Orders models (read from
// ../shared, never copied into the repo).
const repo = path.resolve(__dirname, '../../..');
const modelsDir = path.resolve(repo, '../shared/spapi/models/models/orders-api-model');
const present = existsSync(path.join(modelsDir, 'orders_2026-01-01.json'));
const describeModels = present ? describe : describe.skip;
if (!present) console.warn(`official Orders models not found at ${modelsDir}: skipping model validation`);

function validatorFor(file: string, definition: string) {
  const model = JSON.parse(readFileSync(path.join(modelsDir, file), 'utf8')) as { definitions: Record<string, unknown> };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'model', definitions: model.definitions });
  return ajv.compile({ $ref: `model#/definitions/${definition}` });
}

describeModels('order fixtures against the official Orders API models', () => {
  const fixtures = readdirSync(path.join(repo, 'test/fixtures/orders')).filter((f) => f.endsWith('.json'));

  it('every v2026 fixture is a valid GetOrderResponse', () => {
    const validate = validatorFor('orders_2026-01-01.json', 'GetOrderResponse');
    for (const name of fixtures.filter((f) => f.startsWith('v2026'))) {
      const ok = validate(JSON.parse(readFileSync(path.join(repo, 'test/fixtures/orders', name), 'utf8')));
      expect({ name, errors: ok ? null : validate.errors }).toEqual({ name, errors: null });
    }
  });

  it('every v0 capture holds a valid v0 Order and OrderItems', () => {
    const validateOrder = validatorFor('ordersV0.json', 'Order');
    const validateItem = validatorFor('ordersV0.json', 'OrderItem');
    for (const name of fixtures.filter((f) => f.startsWith('v0'))) {
      const capture = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/orders', name), 'utf8')) as { order: unknown; orderItems: unknown[] };
      expect(validateOrder(capture.order) ? null : validateOrder.errors).toBeNull();
      for (const item of capture.orderItems) expect(validateItem(item) ? null : validateItem.errors).toBeNull();
    }
  });
});
