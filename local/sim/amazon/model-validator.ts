/** Validates requests and responses against Amazon's official SP-API Swagger models and JSON schemas (read from ../shared/spapi/models, never copied into the repo). */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { z } from 'zod';

/** Where the models live: SPAPI_MODELS_DIR, else ../shared/spapi/models beside the repository. */
export function defaultModelsDir(): string {
  const fromEnv = process.env.SPAPI_MODELS_DIR;
  if (fromEnv) return fromEnv;
  // This file sits at <repo>/local/sim/amazon (or <repo>/dist/local/sim/amazon when compiled).
  let repo = path.resolve(__dirname, '..', '..', '..');
  if (path.basename(repo) === 'dist') repo = path.dirname(repo);
  return path.resolve(repo, '..', 'shared', 'spapi', 'models');
}

export function modelsAvailable(dir = defaultModelsDir()): boolean {
  return fs.existsSync(path.join(dir, 'models', 'orders-api-model', 'orders_2026-01-01.json'));
}

const ParameterSchema = z.object({
  name: z.string(),
  in: z.enum(['path', 'query', 'body', 'header', 'formData']),
  required: z.boolean().optional(),
  type: z.string().optional(),
  enum: z.array(z.unknown()).optional(),
  items: z.object({ type: z.string().optional(), enum: z.array(z.unknown()).optional() }).passthrough().optional(),
  schema: z.record(z.unknown()).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  maxItems: z.number().optional(),
  minItems: z.number().optional(),
}).passthrough();
type Parameter = z.infer<typeof ParameterSchema>;

const OperationSchema = z.object({
  operationId: z.string(),
  parameters: z.array(ParameterSchema).optional(),
  responses: z.record(z.object({ schema: z.record(z.unknown()).optional() }).passthrough()),
}).passthrough();
type Operation = z.infer<typeof OperationSchema>;

const ModelSchema = z.object({ paths: z.record(z.record(z.unknown())), definitions: z.record(z.unknown()) }).passthrough();

/** The model file (relative to models/) and operation a simulator route implements. */
export interface ModelRef {
  file: string;
  path: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
}

export interface RequestParts {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export class ModelValidator {
  private readonly ajv: Ajv;
  private readonly loaded = new Map<string, z.infer<typeof ModelSchema>>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly dir = defaultModelsDir()) {
    // Swagger 2 models carry x-* keywords and docgen extras; strict mode off so ajv ignores them.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
  }

  /** Validator for `#/definitions/<name>` of a Swagger model file (relative to models/). */
  definition(file: string, name: string): ValidateFunction {
    return this.compile(`${file}#/definitions/${name}`, () => ({ $ref: `${this.modelId(file)}#/definitions/${name}` }));
  }

  /** Validator for a JSON schema file (relative to schemas/, e.g. notifications/OrderChangeNotification.json). */
  jsonSchema(file: string): ValidateFunction {
    return this.compile(`schemas/${file}`, () => {
      const raw: unknown = JSON.parse(fs.readFileSync(path.join(this.dir, 'schemas', file), 'utf8'));
      const parsed = z.record(z.unknown()).parse(raw);
      // The notification schemas all share the placeholder $id "http://example.com/example.json"; drop it so they can coexist.
      const { $id: _ignoredId, $schema: _ignoredSchema, ...rest } = parsed;
      return rest;
    });
  }

  /** Validates a response body for an operation and status against the model; returns the reasons (empty = valid). */
  response(ref: ModelRef, status: number, body: unknown): string[] {
    const op = this.operation(ref);
    const declared = op.responses[String(status)];
    if (!declared) return [`status ${status} is not declared for ${op.operationId}`];
    if (!declared.schema) return body === undefined || body === '' ? [] : [`${op.operationId} ${status} declares no body`];
    const validate = this.compile(`${ref.file}:${ref.method}:${ref.path}:${status}`, () => this.rebase(ref.file, declared.schema ?? {}));
    return validate(body) ? [] : formatErrors(validate);
  }

  /** Validates path, query and body parameters of a request like Amazon's front door (required, enums, types, unknown query names). */
  request(ref: ModelRef, parts: RequestParts): string[] {
    const op = this.operation(ref);
    const reasons: string[] = [];
    const params = op.parameters ?? [];
    const known = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(parts.query.keys())) if (!known.has(name)) reasons.push(`unknown query parameter ${name}`);
    for (const p of params) {
      if (p.in === 'body') {
        if (parts.body === undefined) {
          if (p.required) reasons.push('missing request body');
          continue;
        }
        const validate = this.compile(`${ref.file}:${ref.method}:${ref.path}:body`, () => this.rebase(ref.file, p.schema ?? {}));
        if (!validate(parts.body)) reasons.push(...formatErrors(validate).map((r) => `body${r}`));
        continue;
      }
      const raw = p.in === 'path' ? parts.pathParams[p.name] : p.in === 'query' ? parts.query.get(p.name) ?? undefined : undefined;
      if (raw === undefined || raw === '') {
        if (p.required && p.in !== 'header') reasons.push(`missing required ${p.in} parameter ${p.name}`);
        continue;
      }
      reasons.push(...checkScalarParameter(p, raw));
    }
    return reasons;
  }

  private operation(ref: ModelRef): Operation {
    const model = this.model(ref.file);
    const item = model.paths[ref.path];
    if (!item) throw new Error(`model ${ref.file} has no path ${ref.path}`);
    return OperationSchema.parse(item[ref.method]);
  }

  private model(file: string): z.infer<typeof ModelSchema> {
    const cached = this.loaded.get(file);
    if (cached) return cached;
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(this.dir, 'models', file), 'utf8'));
    const model = ModelSchema.parse(raw);
    this.loaded.set(file, model);
    this.ajv.addSchema({ $id: this.modelId(file), definitions: model.definitions });
    return model;
  }

  private modelId(file: string): string {
    this.ensureLoaded(file);
    return `spapi://${file}`;
  }

  private ensureLoaded(file: string): void {
    if (!this.loaded.has(file)) this.model(file);
  }

  /** Points local '#/definitions/X' references of an inline schema at the model document. */
  private rebase(file: string, schema: Record<string, unknown>): Record<string, unknown> {
    const id = this.modelId(file);
    const rewritten: unknown = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/definitions\//g, `"$ref":"${id}#/definitions/`));
    return z.record(z.unknown()).parse(rewritten);
  }

  private compile(key: string, build: () => Record<string, unknown>): ValidateFunction {
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const validate = this.ajv.compile(build());
    this.compiled.set(key, validate);
    return validate;
  }
}

function checkScalarParameter(p: Parameter, raw: string): string[] {
  const reasons: string[] = [];
  if (p.type === 'array') {
    const values = raw.split(',');
    if (p.maxItems !== undefined && values.length > p.maxItems) reasons.push(`${p.name} has more than ${p.maxItems} values`);
    if (p.minItems !== undefined && values.length < p.minItems) reasons.push(`${p.name} has fewer than ${p.minItems} values`);
    if (p.items?.type === 'string' && values.some((v) => v === '')) reasons.push(`${p.name} has an empty value`);
    const allowed = p.items?.enum;
    if (allowed) for (const v of values) if (!allowed.includes(v)) reasons.push(`${p.name} has a value that is not one of ${allowed.join(', ')}`);
    return reasons;
  }
  if (p.enum && !p.enum.includes(raw)) reasons.push(`${p.name} is not one of ${p.enum.join(', ')}`);
  if (p.type === 'integer' && !/^-?\d+$/.test(raw)) reasons.push(`${p.name} must be an integer`);
  if (p.type === 'boolean' && raw !== 'true' && raw !== 'false') reasons.push(`${p.name} must be true or false`);
  if ((p.type === 'integer' || p.type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    if (p.minimum !== undefined && n < p.minimum) reasons.push(`${p.name} must be >= ${p.minimum}`);
    if (p.maximum !== undefined && n > p.maximum) reasons.push(`${p.name} must be <= ${p.maximum}`);
  }
  if (p.format === 'date-time' && Number.isNaN(Date.parse(raw))) reasons.push(`${p.name} must be an ISO 8601 date-time`);
  return reasons;
}

function formatErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${String(e.params.allowedValues)})` : ''}`);
}
