import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alarmCatalog, DETECTIONS } from '../../lib/contracts/alarm-catalog';
import { LOGIN_EVENT_NAMES, LOGIN_EVENT_TRIAGE } from '../../lib/contracts/login-event';
import { CREDENTIALS, IBEAM_SOURCE, monitoringStack } from './monitoring-fixture';

const docs = join(__dirname, '..', '..', 'docs');
const runbooks = readFileSync(join(docs, 'runbooks.md'), 'utf8');
const monitoring = readFileSync(join(docs, 'monitoring.md'), 'utf8');

describe('docs/runbooks.md and docs/monitoring.md', () => {
  test('have a runbook for every anchor an alarm or detection of a deployment points to', () => {
    // GIVEN every alarm and rule a full deployment makes
    const t = monitoringStack({
      credentials: CREDENTIALS,
      monitoring: { logSources: [IBEAM_SOURCE], cloudTrailLogGroup: 'CloudTrail/management' },
    }).template();
    const texts = Object.values<any>(t.toJSON().Resources).flatMap((r) => [
      r.Properties?.AlarmDescription ?? '',
      ...(r.Properties?.Targets ?? []).map((x: any) => x.InputTransformer?.InputTemplate ?? ''),
    ]);
    const anchors = new Set(
      texts.flatMap((x) => [...x.matchAll(/#(runbook-[a-z0-9-]+)/g)].map((m) => m[1])),
    );
    // THEN
    expect(anchors.size).toBeGreaterThan(15);
    const missing = [...anchors].filter((a) => !runbooks.includes(`<a id="${a}"></a>`));
    expect(missing).toEqual([]);
  });

  test('have a runbook for every alarm and detection of the catalog', () => {
    const anchors = [
      ...alarmCatalog().map((a) => a.text.runbookAnchor),
      ...DETECTIONS.map((d) => d.text('automation').runbookAnchor),
    ];
    expect(anchors).toContain('runbook-credential-age');
    expect(anchors.filter((a) => !runbooks.includes(`<a id="${a}"></a>`))).toEqual([]);
  });

  test('list every login event with its category', () => {
    const section = monitoring.slice(
      monitoring.indexOf('<!-- section:login-events -->'),
      monitoring.indexOf('<!-- /section:login-events -->'),
    );
    for (const name of LOGIN_EVENT_NAMES) {
      expect(section).toMatch(
        new RegExp(`\\| \`${name}\`\\s+\\| ${LOGIN_EVENT_TRIAGE[name].category}\\s+\\|`),
      );
    }
  });
});
