/** The OpenAPI document ION API Gateway registers: 3.0.x, the three endpoints of docs/contracts.md, HTTP endpoints, x-api-key, the intake responses. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const repoRoot = path.resolve(__dirname, '../..');
const text = readFileSync(path.join(repoRoot, 'bod-templates/openapi.yaml'), 'utf8');
const api: unknown = parseYaml(text);

interface Operation {
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
function operation(route: string, method: string): Operation {
  const paths = (api as { paths: Record<string, Record<string, Operation>> }).paths;
  const found = paths[route]?.[method];
  if (!found) throw new Error(`openapi.yaml has no ${method.toUpperCase()} ${route}`);
  return found;
}

/** Resolves a local JSON pointer like #/components/schemas/Error in the parsed document. */
function resolvePointer(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), api);
}
function refs(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(refs);
  return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refs(v)));
}

describe('bod-templates/openapi.yaml', () => {
  it('is OpenAPI 3.0.x, which ION API Gateway imports', () => {
    expect(api).toMatchObject({ openapi: expect.stringMatching(/^3\.0\.\d+$/), info: { title: expect.any(String), version: expect.any(String) } });
  });

  it('describes exactly the public endpoints of docs/contracts.md, HTTP endpoints', () => {
    const paths = Object.keys((api as { paths: Record<string, unknown> }).paths).sort();
    expect(paths).toEqual(['/api/amazon/notifications', '/api/health', '/api/ion/bods']);
    expect(() => operation('/api/ion/bods', 'post')).not.toThrow();
    expect(() => operation('/api/amazon/notifications', 'post')).not.toThrow();
    expect(() => operation('/api/health', 'get')).not.toThrow();
  });

  it('accepts a BOD as application/xml or as multipart/form-data with a binary part "file"', () => {
    const content = operation('/api/ion/bods', 'post').requestBody?.content ?? {};
    expect(content).toHaveProperty(['application/xml']);
    expect(content['multipart/form-data']?.schema).toMatchObject({
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    });
  });

  it('accepts notifications as application/json', () => {
    expect(operation('/api/amazon/notifications', 'post').requestBody?.content).toHaveProperty(['application/json']);
  });

  it.each(['/api/ion/bods', '/api/amazon/notifications'])('answers %s with 202, 400, 401, 413 and 503 when it cannot queue', (route) => {
    expect(Object.keys(operation(route, 'post').responses).sort()).toEqual(['202', '400', '401', '413', '503']);
  });

  it('secures the intakes with the x-api-key header and leaves health open', () => {
    expect(resolvePointer('#/components/securitySchemes/intakeApiKey')).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
    );
    expect((api as { security: unknown[] }).security).toEqual(expect.arrayContaining([{ intakeApiKey: [] }]));
    expect(operation('/api/ion/bods', 'post').security).toBeUndefined();
    expect(operation('/api/health', 'get').security).toEqual([]);
  });

  it('resolves every $ref', () => {
    const dangling = refs(api).filter((ref) => resolvePointer(ref) === undefined);
    expect(dangling).toEqual([]);
  });
});
