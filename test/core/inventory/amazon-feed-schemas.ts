// Test support: compiles Amazon's official listings feed JSON schemas from ../shared (never copied into the repo).
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const FEEDS_DIR = path.resolve(__dirname, '../../../../shared/spapi/models/schemas/feeds');

export const feedSchemasPresent = fs.existsSync(path.join(FEEDS_DIR, 'listings-feed-schema-v2.json'));
if (!feedSchemasPresent) {
  // eslint-disable-next-line no-console
  console.warn(`Amazon feed schemas not found at ${FEEDS_DIR}: schema-conformance tests are skipped`);
}

export function compileFeedSchema(fileName: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema: unknown = JSON.parse(fs.readFileSync(path.join(FEEDS_DIR, fileName), 'utf8'));
  if (typeof schema !== 'object' || schema === null) throw new Error(`${fileName} is not a JSON schema object`);
  return ajv.compile(schema);
}

/** `it` when the shared models are present, `it.skip` otherwise (the warning above says why). */
export const itWithSchemas = feedSchemasPresent ? it : it.skip;
