/** An Amazon order document that does not match the Orders API model: permanent, park it with the path. */
import { PermanentError } from '../errors';

export class OrderInputError extends PermanentError {
  constructor(message: string, path?: string) {
    super(message, { code: 'ORDER_INVALID', system: 'amazon', details: { path } });
  }
}
