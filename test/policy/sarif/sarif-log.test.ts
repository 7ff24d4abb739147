import { join } from 'node:path';
import { checkTemplate } from '../../../lib/policy/check/check-templates';
import { toSarifLog } from '../../../lib/policy/check/report-formats';
import { buildSarif } from '../../../lib/policy/sarif/sarif-log';
import { sarifValidator } from './sarif-schema';

const FIXTURES = join(__dirname, '../../fixtures/templates');
const ROOT = join(__dirname, '../../..');
const validate = sarifValidator();

describe('SARIF from check', () => {
  const log = toSarifLog(
    [checkTemplate(join(FIXTURES, 'public-gateway.yaml'), { awsSolutions: true })],
    ROOT,
  );

  test('is valid SARIF 2.1.0', () => {
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  test('the schema validator rejects a broken log (the test can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  test('results carry stable base rule ids, the template line and a fingerprint', () => {
    const result = log.runs[0].results!.find((r) => r.ruleId === 'BG-NET-1')!;
    expect(result.level).toBe('error');
    expect(result.message.text).toMatch(
      /^BG-NET-1\[Port::4001\] on test\/fixtures\/templates\/public-gateway\.yaml#GatewaySecurityGroup/,
    );
    expect(result.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/fixtures/templates/public-gateway.yaml' },
      region: { startLine: 9 },
    });
    expect(result.partialFingerprints!['brokerguardFinding/v1']).toMatch(/^[0-9a-f]{64}$/);
    const rule = log.runs[0].tool.driver.rules![result.ruleIndex!];
    expect(rule.id).toBe('BG-NET-1');
    expect(rule.help!.text).toMatch(/Fix: Allow the port only/);
  });

  test('every BrokerGuardChecks rule is described, and foreign rules get an entry', () => {
    const ids = log.runs[0].tool.driver.rules!.map((r) => r.id);
    expect(ids.filter((id) => id.startsWith('BG-'))).toHaveLength(29);
    expect(ids).toContain('AwsSolutions-EC23');
  });

  test('the fingerprint follows the finding, not its line', () => {
    const base = {
      ruleId: 'BG-IAM-3',
      ruleName: 'BG-IAM-3',
      level: 'error' as const,
      message: 'm',
      logicalLocation: 'S/Role',
    };
    const a = buildSarif([{ ...base, uri: 'lib/a.ts', startLine: 3 }], '0');
    const b = buildSarif([{ ...base, uri: 'lib/a.ts', startLine: 30 }], '0');
    const c = buildSarif([{ ...base, logicalLocation: 'S/Other' }], '0');
    const fp = (l: typeof a) => l.runs[0].results![0].partialFingerprints!['brokerguardFinding/v1'];
    expect(fp(a)).toBe(fp(b));
    expect(fp(a)).not.toBe(fp(c));
  });

  test('an acknowledged finding is a suppressed result with its reason', () => {
    const log2 = buildSarif(
      [
        {
          ruleId: 'BG-IAM-3',
          ruleName: 'BG-IAM-3',
          level: 'error',
          message: 'm',
          logicalLocation: 'S/Role',
          acknowledgedReason: 'why',
        },
      ],
      '0',
    );
    expect(validate(log2)).toBe(true);
    expect(log2.runs[0].results![0].suppressions).toEqual([
      { kind: 'inSource', justification: 'why' },
    ]);
  });
});
