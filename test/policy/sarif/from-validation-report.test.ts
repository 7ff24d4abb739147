import { transformSync } from 'esbuild';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sourceLocation,
  validationReportToSarif,
} from '../../../lib/policy/sarif/from-validation-report';
import { sarifValidator } from './sarif-schema';

/** A project with lib/app.ts compiled to dist/lib/app.js plus its source map, as tsc would. */
function compiledProject() {
  const root = mkdtempSync(join(tmpdir(), 'bg-sarif-'));
  mkdirSync(join(root, 'lib'));
  mkdirSync(join(root, 'dist/lib'), { recursive: true });
  const ts = [
    'interface P { a: string }',
    '',
    'export function build(p: P) {',
    '  return new Map([[p.a, 1]]);',
    '}',
    '',
  ].join('\n');
  writeFileSync(join(root, 'lib/app.ts'), ts);
  const out = transformSync(ts, {
    loader: 'ts',
    format: 'cjs',
    sourcemap: 'external',
    sourcefile: '../../lib/app.ts',
  });
  writeFileSync(join(root, 'dist/lib/app.js'), `${out.code}//# sourceMappingURL=app.js.map\n`);
  writeFileSync(join(root, 'dist/lib/app.js.map'), out.map);
  const jsLines = out.code.split('\n');
  const line = jsLines.findIndex((l) => l.includes('new Map')) + 1;
  const column = jsLines[line - 1].indexOf('new Map') + 1;
  return { root, js: join(root, 'dist/lib/app.js'), line, column };
}

const report = (root: string, frame: string) => ({
  version: '55.0.0',
  pluginReports: [
    {
      pluginName: 'BrokerGuardChecks',
      conclusion: 'failure',
      violations: [
        {
          ruleName: 'BG-IAM-3',
          description: 'The automation role has no permissions boundary.',
          severity: 'error',
          violatingConstructs: [
            {
              constructPath: 'stack/Automation/Role/Resource',
              stackTraces: [`...new Role2 in aws-cdk-lib...\n${frame}\n...node internals...`],
            },
          ],
        },
      ],
      suppressedViolations: [
        {
          ruleName: 'BG-ROT-1[NoRotation]',
          description: 'no rotation',
          severity: 'error',
          violatingConstructs: [
            {
              constructPath: 'stack/Issuer/Resource',
              stackTraces: [`f (${join(root, 'lib/app.ts')}:4:10)`],
            },
          ],
          acknowledgedId: 'BrokerGuardChecks::BG-ROT-1[NoRotation]',
          reason: 'no API can rotate it',
        },
      ],
    },
  ],
});

describe('validation report to SARIF', () => {
  test('points a finding at the TypeScript line that made the construct, through the source map', () => {
    const p = compiledProject();
    expect(sourceLocation([`...x...\nbuild (${p.js}:${p.line}:${p.column})`], p.root)).toEqual({
      uri: 'lib/app.ts',
      line: 4,
      column: 10,
    });
  });

  test('skips frames in node_modules and outside the project', () => {
    const p = compiledProject();
    const trace = `a (${join(p.root, 'node_modules/x/y.js')}:1:1)\nb (/elsewhere/z.js:2:2)\nc (${join(p.root, 'lib/app.ts')}:3:1)`;
    expect(sourceLocation([trace], p.root)).toEqual({ uri: 'lib/app.ts', line: 3, column: 1 });
    expect(sourceLocation(['...node internals...'], p.root)).toBeUndefined();
  });

  test('writes valid SARIF with stable ids, source locations and acknowledged findings suppressed', () => {
    // GIVEN
    const p = compiledProject();
    // WHEN
    const log = validationReportToSarif(
      report(p.root, `build (${p.js}:${p.line}:${p.column})`),
      p.root,
    );
    // THEN
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const [open, acknowledged] = log.runs[0].results!;
    expect(open.ruleId).toBe('BG-IAM-3');
    expect(open.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'lib/app.ts' },
      region: { startLine: 4, startColumn: 10 },
    });
    expect(open.locations![0].logicalLocations).toEqual([
      { fullyQualifiedName: 'stack/Automation/Role/Resource', kind: 'resource' },
    ]);
    expect(acknowledged.ruleId).toBe('BG-ROT-1');
    expect(acknowledged.suppressions).toEqual([
      { kind: 'inSource', justification: 'no API can rotate it' },
    ]);
    const rule = log.runs[0].tool.driver.rules![open.ruleIndex!];
    expect(rule.help!.text).toMatch(/Fix: Set PermissionsBoundary/);
  });

  test('refuses something that is not a validation report', () => {
    expect(() => validationReportToSarif({ hello: 1 }, '/')).toThrow(
      /not a CDK validation report: no pluginReports list/,
    );
  });

  test('refuses a malformed report naming the field, instead of crashing inside', () => {
    expect(() => validationReportToSarif({ pluginReports: [null] }, '/')).toThrow(
      'not a CDK validation report: pluginReports[0]: Invalid input: expected object, received null',
    );
    expect(() =>
      validationReportToSarif(
        {
          pluginReports: [
            { violations: [{ ruleName: 'R', violatingConstructs: [{ stackTraces: 'x' }] }] },
          ],
        },
        '/',
      ),
    ).toThrow(/pluginReports\[0\]\.violations\[0\]\.violatingConstructs\[0\]\.stackTraces: /);
  });
});
