import { App, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagMessageLevel } from 'cdk-nag';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerGuardChecks } from '../../lib/policy/brokerguard-checks';
import { judge } from './judge';
import { world } from './world';
import { BROKERGUARD_RULES } from '../../lib/policy/rules';

describe('BrokerGuardChecks', () => {
  test('names itself BrokerGuardChecks and prefixes rule ids with BG', () => {
    // GIVEN / WHEN
    const pack = new BrokerGuardChecks();
    // THEN
    expect(pack.name).toBe('BrokerGuardChecks');
    expect(pack.readPackName).toBe('BG');
  });

  test('contains exactly these rules at these levels', () => {
    // GIVEN / WHEN
    const rules = BROKERGUARD_RULES.map((r) => `${r.id} ${r.name} ${r.level}`);
    // THEN
    expect(rules).toEqual([
      `BG-SEG-1 SecretReadOnlyInSegment ${NagMessageLevel.ERROR}`,
      `BG-SEG-2 SecondFactorPlacement ${NagMessageLevel.ERROR}`,
      `BG-SEG-3 SecretDenyOutsideSegment ${NagMessageLevel.ERROR}`,
      `BG-SEG-4 SecretSegmentTags ${NagMessageLevel.WARN}`,
      `BG-IAM-1 HumanRoleRequiresMfa ${NagMessageLevel.ERROR}`,
      `BG-IAM-2 AutomationSessionDuration ${NagMessageLevel.ERROR}`,
      `BG-IAM-3 AutomationPermissionsBoundary ${NagMessageLevel.ERROR}`,
      `BG-IAM-4 AutomationNoWildcardActions ${NagMessageLevel.ERROR}`,
      `BG-IAM-5 NoPrivilegeEscalation ${NagMessageLevel.ERROR}`,
      `BG-IAM-6 NoUserAccessKeys ${NagMessageLevel.ERROR}`,
      `BG-IAM-7 NoWildcardServiceActions ${NagMessageLevel.ERROR}`,
      `BG-ROT-1 RotationWithinClassMaximum ${NagMessageLevel.ERROR}`,
      `BG-ROT-2 PasswordAgeAlarm ${NagMessageLevel.ERROR}`,
      `BG-ROT-3 RotationRuntimeSupported ${NagMessageLevel.ERROR}`,
      `BG-ROT-4 SecretRotationConfigured ${NagMessageLevel.WARN}`,
      `BG-SEC-1 NoHardCodedSecretString ${NagMessageLevel.ERROR}`,
      `BG-SEC-2 NoPlaintextSecretInEnvironment ${NagMessageLevel.ERROR}`,
      `BG-SEC-3 NoPlaintextSecretInTaskDefinition ${NagMessageLevel.ERROR}`,
      `BG-KMS-1 SegmentSecretUsesSegmentKey ${NagMessageLevel.ERROR}`,
      `BG-KMS-2 KeyPolicyDecryptInSegment ${NagMessageLevel.ERROR}`,
      `BG-MON-1 LoginAnomalyAlarms ${NagMessageLevel.ERROR}`,
      `BG-MON-2 AlarmHasAction ${NagMessageLevel.ERROR}`,
      `BG-MON-3 AlertTopicSecure ${NagMessageLevel.ERROR}`,
      `BG-LOG-1 LogGroupEncryptedBounded ${NagMessageLevel.ERROR}`,
      `BG-LOG-2 SegmentFunctionLogGroup ${NagMessageLevel.ERROR}`,
      `BG-NET-1 GatewayPortsNotPublic ${NagMessageLevel.ERROR}`,
      `BG-ECS-1 GatewayTaskRoleInSegment ${NagMessageLevel.ERROR}`,
      `BG-ECS-2 GatewayRootFilesystemReadOnly ${NagMessageLevel.WARN}`,
      `BG-ECS-3 GatewayExecDisabled ${NagMessageLevel.ERROR}`,
    ]);
  });

  test('every rule has one-line info, explanation and fix, and an id matching its area folder', () => {
    for (const rule of BROKERGUARD_RULES) {
      expect(rule.id).toMatch(/^BG-(SEG|IAM|ROT|SEC|KMS|MON|LOG|NET|ECS)-\d+$/);
      for (const text of [rule.info, rule.explanation, rule.fix])
        expect(text).toMatch(/^[^\n]{10,}$/);
    }
    expect(new Set(BROKERGUARD_RULES.map((r) => r.id)).size).toBe(BROKERGUARD_RULES.length);
  });

  test('the hand-written compliant world has no findings', () => {
    expect(judge(world())).toEqual([]);
  });

  describe('acknowledgements', () => {
    /** An app whose human role lacks MFA, with the pack registered as a validation plugin. */
    function appWithMfaLessRole(ackIds: string[]) {
      const outdir = mkdtempSync(join(tmpdir(), 'bg-ack-'));
      const app = new App({ outdir, builtinCloudFormationValidation: false });
      Validations.of(app).addPlugins(new BrokerGuardChecks(app));
      const stack = new Stack(app, 'S');
      const role = new iam.Role(stack, 'Desk', { assumedBy: new iam.AccountRootPrincipal() });
      Tags.of(role).add('brokerguard:segment', 'execution');
      for (const id of ackIds)
        Validations.of(role).acknowledge({
          id,
          reason: 'federated: the IdP enforces MFA and its age',
        });
      return {
        app,
        report: () => JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')),
      };
    }

    test('namespaced ids synth prints land in suppressedViolations with their reason', () => {
      // GIVEN
      const { app, report } = appWithMfaLessRole([
        'BrokerGuardChecks::BG-IAM-1[MfaNotRequired]',
        'BrokerGuardChecks::BG-IAM-1[MfaAgeUnbounded]',
      ]);
      // WHEN
      app.synth();
      // THEN
      const bg = report().pluginReports.find(
        (p: { pluginName: string }) => p.pluginName === 'BrokerGuardChecks',
      );
      expect(bg.violations).toEqual([]);
      expect(
        bg.suppressedViolations.map((v: { acknowledgedId: string; reason: string }) => [
          v.acknowledgedId,
          v.reason,
        ]),
      ).toEqual([
        [
          'BrokerGuardChecks::BG-IAM-1[MfaNotRequired]',
          'federated: the IdP enforces MFA and its age',
        ],
        [
          'BrokerGuardChecks::BG-IAM-1[MfaAgeUnbounded]',
          'federated: the IdP enforces MFA and its age',
        ],
      ]);
    });

    test('a base id does not cover findings with a detail', () => {
      const { app } = appWithMfaLessRole(['BrokerGuardChecks::BG-IAM-1']);
      expect(() => app.synth()).toThrow(/BG-IAM-1\[MfaNotRequired\]/);
    });
  });
});
