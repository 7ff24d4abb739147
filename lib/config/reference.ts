import { z } from 'zod';
import { configSchema } from './schema';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Row {
  path: string;
  type: string;
  default: string;
  description: string;
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (s.type === 'array' && s.items) return `list of ${typeOf(s.items)}`;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(' or ');
  let t = String(s.type ?? 'any');
  const bounds: string[] = [];
  if (s.minimum !== undefined) bounds.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) bounds.push(`≤ ${s.maximum}`);
  if (s.format) bounds.push(s.format);
  if (bounds.length) t += ` (${bounds.join(', ')})`;
  return t;
}

function walk(s: JsonSchema, path: string, rows: Row[], required: boolean): void {
  const variants = s.oneOf ?? s.anyOf;
  const isObject = s.type === 'object' && s.properties;
  const isObjectList = s.type === 'array' && s.items?.type === 'object' && s.items.properties;
  const isVariantObject =
    variants && variants.every((v) => v.type === 'object' && v.properties) && variants.length > 1;
  if (path) {
    rows.push({
      path: `\`${path}\``,
      type: isObject
        ? 'object'
        : isObjectList
          ? 'list of objects'
          : isVariantObject
            ? 'one of the variants below'
            : typeOf(s),
      default:
        s.default !== undefined
          ? `\`${JSON.stringify(s.default)}\``
          : required
            ? '**required**'
            : '—',
      description: (s.description ?? '').replace(/\|/g, '\\|'),
    });
  }
  if (isObject) {
    for (const [k, v] of Object.entries(s.properties!)) {
      walk(v, path ? `${path}.${k}` : k, rows, (s.required ?? []).includes(k));
    }
  } else if (isObjectList) {
    for (const [k, v] of Object.entries(s.items!.properties!)) {
      walk(v, `${path}[].${k}`, rows, (s.items!.required ?? []).includes(k));
    }
  } else if (isVariantObject) {
    for (const v of variants!) {
      const tag = Object.entries(v.properties!).find(([, p]) => p.const !== undefined);
      const label = tag ? `${path}{${tag[0]}=${String(tag[1].const)}}` : path;
      for (const [k, p] of Object.entries(v.properties!)) {
        if (tag && k === tag[0]) continue;
        walk(p, `${label}.${k}`, rows, (v.required ?? []).includes(k));
      }
    }
  }
}

/**
 * The configuration reference as a markdown table, generated from the zod schema: the README
 * carries this exact text, and a test fails when they differ.
 */
export function configReferenceMarkdown(): string {
  const json = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const rows: Row[] = [];
  walk(json, '', rows, true);
  const lines = [
    '| field | type | default | description |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.path} | ${r.type} | ${r.default} | ${r.description} |`),
  ];
  return lines.join('\n');
}
