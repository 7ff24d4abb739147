import { readFileSync } from 'node:fs';
import type { Tags } from 'yaml';
import { BrokerGuardError } from '../../errors';
import { yaml } from '../../lazy-yaml';
import { CfnTemplate } from '../model/template-model';

/** CloudFormation's short-form intrinsics (`!Ref X`) and the long form each stands for. */
const SHORT_FORMS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
  'Length',
  'ToJsonString',
];

function longForm(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

const toJs = (node: unknown) => (node as { toJSON(): unknown }).toJSON();

function cfnTags(): Tags {
  const tags: Tags = [];
  for (const name of ['Ref', 'Condition', 'GetAtt', ...SHORT_FORMS]) {
    const key = longForm(name);
    tags.push({
      tag: `!${name}`,
      // !GetAtt A.B is shorthand for [A, B]
      resolve: (value: string) => ({
        [key]: name === 'GetAtt' ? value.split(/\.(.*)/s, 2) : value,
      }),
    });
    for (const collection of ['seq', 'map'] as const) {
      tags.push({ tag: `!${name}`, collection, resolve: (node) => ({ [key]: toJs(node) }) });
    }
  }
  return tags;
}

/**
 * Reads a CloudFormation template (JSON, or YAML with short-form intrinsics). Throws
 * BrokerGuardError TEMPLATE_UNREADABLE naming the file and what is wrong with it.
 */
export function loadTemplate(file: string): CfnTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new BrokerGuardError('TEMPLATE_UNREADABLE', `${file}: cannot read (${code})`);
  }
  return parseTemplate(text, file);
}

/** Parses template text; `file` names it in errors. */
export function parseTemplate(text: string, file: string): CfnTemplate {
  let raw: unknown;
  const trimmed = text.trimStart();
  try {
    raw = trimmed.startsWith('{')
      ? JSON.parse(text)
      : yaml().parse(text, { customTags: cfnTags(), prettyErrors: true, maxAliasCount: 1000 });
  } catch (err) {
    const kind = trimmed.startsWith('{') ? 'JSON' : 'YAML';
    throw new BrokerGuardError(
      'TEMPLATE_UNREADABLE',
      `${file}: not valid ${kind}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BrokerGuardError(
      'TEMPLATE_UNREADABLE',
      `${file}: a template is a mapping with a Resources section; got ${Array.isArray(raw) ? 'a list' : typeof raw}`,
    );
  }
  const resources = (raw as Record<string, unknown>).Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new BrokerGuardError(
      'TEMPLATE_UNREADABLE',
      `${file}: no Resources section (a CloudFormation template needs one)`,
    );
  }
  for (const [id, r] of Object.entries(resources as Record<string, unknown>)) {
    if (!r || typeof r !== 'object' || typeof (r as Record<string, unknown>).Type !== 'string') {
      throw new BrokerGuardError('TEMPLATE_UNREADABLE', `${file}: resource ${id} has no Type`);
    }
  }
  return raw as CfnTemplate;
}
