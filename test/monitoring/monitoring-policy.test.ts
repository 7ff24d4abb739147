import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDefaultApp } from '../../lib/stacks/default-app';

const root = join(__dirname, '..', '..');
const cdkContext = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;

describe('monitoring with every option on, through the policy gate', () => {
  test('log sources in two segments, the CIS filters and every subscriber synthesize with zero violations', () => {
    // GIVEN
    const context = {
      ...cdkContext,
      brokerguard: {
        ...cdkContext.brokerguard,
        alerts: {
          email: ['a@example.com'],
          sms: ['+15551234567'],
          https: ['https://chat.example.com/hook'],
        },
        monitoring: {
          logSources: [
            { logGroupName: '/ecs/ibeam', segment: 'automation', source: 'ibeam' },
            {
              logGroupName: '/desk/ibc',
              segment: 'execution',
              source: 'ibc',
              deviceIdFrom: 'none',
            },
          ],
          cloudTrailLogGroup: 'CloudTrail/management',
        },
      },
    };
    const outdir = mkdtempSync(join(tmpdir(), 'bg-monitoring-'));
    const { app } = createDefaultApp({ outdir, context, builtinCloudFormationValidation: false });
    // WHEN (a violation makes synth throw under jest)
    const assembly = app.synth();
    // THEN
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
  });
});
