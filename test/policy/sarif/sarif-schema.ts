import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The SARIF 2.1.0 schema (errata 01), committed at test/fixtures/sarif-schema-2.1.0.json
 * from github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json at commit
 * a560296ca8c921f3bdb8d4a8db57ab83dae968a7. It is draft-04; it uses no keyword whose meaning
 * changed after draft-04 (no boolean exclusiveMinimum), so Ajv's draft-07 engine validates it
 * once `id` is read as `$id`.
 */
export function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(__dirname, '../../fixtures/sarif-schema-2.1.0.json'), 'utf8'),
  );
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}
