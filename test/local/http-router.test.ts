/** The one router of the local HTTP servers: a route table looked up first match first; each server answers misses its own way. */
import { Router } from '../../local/http-router/router';

describe('the local HTTP router', () => {
  const router = new Router<string>()
    .on('GET', '/orders/v0/orders/{orderId}', 'get order')
    .on('POST', '/orders/v0/orders/{orderId}/shipmentConfirmation', 'confirm')
    .on(['GET', 'POST'], '/_sim/prices', 'prices')
    .on('*', '/_sim/{*rest}', 'control');

  it('finds the route and decodes its parameters', () => {
    expect(router.lookup('get', '/orders/v0/orders/123-45%2067')).toEqual({ kind: 'found', handler: 'get order', params: { orderId: '123-45 67' } });
  });

  it('tells a path with another method from no path at all', () => {
    expect(router.lookup('DELETE', '/orders/v0/orders/1')).toEqual({ kind: 'wrong-method', allowed: ['GET'] });
    expect(router.lookup('GET', '/orders/v1/orders/1')).toEqual({ kind: 'not-found' });
  });

  it('tries routes in the order they were added, a catch-all last', () => {
    expect(router.lookup('POST', '/_sim/prices')).toMatchObject({ kind: 'found', handler: 'prices' });
    expect(router.lookup('PUT', '/_sim/prices')).toMatchObject({ kind: 'found', handler: 'control', params: { rest: 'prices' } });
  });

  it('is case-sensitive and slash-exact unless told otherwise (the simulators), and never matches an empty or malformed parameter', () => {
    expect(router.lookup('GET', '/Orders/v0/orders/1').kind).toBe('not-found');
    expect(router.lookup('GET', '/orders/v0/orders/1/').kind).toBe('not-found');
    expect(router.lookup('GET', '/orders/v0/orders/').kind).toBe('not-found');
    expect(router.lookup('GET', '/orders/v0/orders/%zz').kind).toBe('not-found');
  });

  it('matches the Functions host way with both switches on: any case, loose slashes', () => {
    const host = new Router<string>({ ignoreCase: true, looseSlashes: true }).on('POST', '/admin/functions/{name}', 'run');
    expect(host.lookup('POST', '/Admin/Functions/price-sweep/')).toEqual({ kind: 'found', handler: 'run', params: { name: 'price-sweep' } });
  });
});
