import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOGIN_EVENT_NAMES, LOGIN_EVENT_TRIAGE } from '../../lib/contracts/login-event';
import { CREDENTIALS, IBEAM_SOURCE, monitoringStack } from './monitoring-fixture';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('<!-- section:monitoring -->'),
  readme.indexOf('<!-- /section:monitoring -->'),
);

describe('README monitoring section', () => {
  test('has a runbook for every anchor an alarm or detection points to', () => {
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
    const missing = [...anchors].filter((a) => !section.includes(`<a id="${a}"></a>`));
    expect(missing).toEqual([]);
  });

  test('lists every login event with its category', () => {
    for (const name of LOGIN_EVENT_NAMES) {
      expect(section).toMatch(
        new RegExp(`\\| \`${name}\`\\s+\\| ${LOGIN_EVENT_TRIAGE[name].category}\\s+\\|`),
      );
    }
  });
});
