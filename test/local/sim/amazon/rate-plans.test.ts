/** The simulator's usage plans are the ones Amazon publishes in each operation's "Usage Plan" table of the official models. */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RATE_PLANS } from '../../../../local/sim/amazon/rate-plans';
import { defaultModelsDir } from '../../../../local/sim/amazon/model-validator';
import { describeWithModels } from '../../../connectors/amazon/sim-harness';

const ModelSchema = z.object({ paths: z.record(z.record(z.unknown())) });
const OperationSchema = z.object({ operationId: z.string(), description: z.string().optional() }).passthrough();

/** operationId → the rate and burst of its Usage Plan table, over every model file. */
function publishedPlans(): Map<string, { rate: number; burst: number }> {
  const plans = new Map<string, { rate: number; burst: number }>();
  const root = path.join(defaultModelsDir(), 'models');
  for (const dir of fs.readdirSync(root)) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json'))) {
      const model = ModelSchema.safeParse(JSON.parse(fs.readFileSync(path.join(root, dir, file), 'utf8')));
      if (!model.success) continue;
      for (const item of Object.values(model.data.paths)) {
        for (const raw of Object.values(item)) {
          const op = OperationSchema.safeParse(raw);
          const table = op.success ? /\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(op.data.description ?? '') : null;
          if (op.success && table) plans.set(op.data.operationId, { rate: Number(table[1]), burst: Number(table[2]) });
        }
      }
    }
  }
  return plans;
}

describeWithModels('simulator usage plans', () => {
  it('match the Usage Plan table of every operation the simulator throttles', () => {
    const published = publishedPlans();
    const differing = Object.entries(RATE_PLANS)
      .filter(([op]) => published.has(op))
      .filter(([op, plan]) => published.get(op)?.rate !== plan.rate || published.get(op)?.burst !== plan.burst)
      .map(([op, plan]) => `${op}: simulator ${plan.rate}/${plan.burst}, model ${published.get(op)?.rate}/${published.get(op)?.burst}`);
    expect(differing).toEqual([]);
    expect(published.get('searchOrders')).toEqual({ rate: 0.0056, burst: 20 });
    expect(Object.keys(RATE_PLANS).filter((op) => published.has(op)).length).toBeGreaterThan(20);
  });
});
