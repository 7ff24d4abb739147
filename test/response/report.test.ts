import {
  brokerChecklist,
  describePlan,
  formatReport,
  IncidentReport,
} from '../../lib/response/report';

const report: IncidentReport = {
  schema: 'brokerguard.incident/1',
  deployment: 'paper',
  playbook: 'lost-device',
  scope: 'automation',
  segments: ['automation'],
  requestedBy: 'arn:aws:sts::123456789012:assumed-role/paper-admin/alice',
  executionArn: 'arn:aws:states:us-east-1:123456789012:execution:pb:run1',
  startedAt: '2026-11-28T14:00:00.000Z',
  finishedAt: '2026-11-28T14:00:03.000Z',
  outcome: 'completed-with-failures',
  steps: [
    { step: 'revoke-sessions', segment: 'automation', status: 'done', detail: 'sessions denied' },
    {
      step: 'stop-ecs-service',
      status: 'skipped',
      detail: 'no ECS service configured (incident.ecsService)',
    },
    { step: 'pause-automation', status: 'failed', detail: 'AccessDeniedException: no' },
  ],
  brokerChecklist: brokerChecklist('lost-device'),
};

describe('formatReport', () => {
  test('lists each step as done, skipped or failed with its reason, then what is left by hand', () => {
    const text = formatReport(report);
    expect(text).toContain('brokerguard lost-device for segment automation in deployment paper');
    expect(text).toContain('  DONE    revoke-sessions [automation]: sessions denied');
    expect(text).toContain(
      '  SKIPPED stop-ecs-service: no ECS service configured (incident.ecsService)',
    );
    expect(text).toContain('  FAILED  pause-automation: AccessDeniedException: no');
    expect(text).toContain('1 step(s) failed. Every step is idempotent');
    expect(text).toMatch(/Still to do by you:\n {2}\[ \] revoke the lost device's trust/);
  });

  test('says so when everything is done', () => {
    const text = formatReport({ ...report, outcome: 'completed', steps: report.steps.slice(0, 1) });
    expect(text).toContain('Every applicable step is done.');
  });
});

describe('brokerChecklist', () => {
  test('lost-device asks for the device, the password and the OAuth tokens at the broker, then resume', () => {
    const list = brokerChecklist('lost-device').join('\n');
    expect(list).toMatch(/revoke the lost device's trust in the IBKR Client Portal/);
    expect(list).toMatch(/change the IBKR password/);
    expect(list).toMatch(/regenerate the OAuth access token/);
    expect(list).toMatch(/automation resume --confirm$/);
  });

  test('suspected-exposure has no device line', () => {
    expect(brokerChecklist('suspected-exposure').join('\n')).not.toMatch(/device/);
  });
});

describe('describePlan', () => {
  test('names the segments and the device step for lost-device on automation', () => {
    const plan = describePlan('lost-device', 'automation').join('\n');
    expect(plan).toMatch(/revoke every session of the automation role/);
    expect(plan).toMatch(/Roles Anywhere profile/);
  });

  test('warns that scope all revokes the admin session that starts it', () => {
    expect(describePlan('suspected-exposure', 'all').join('\n')).toMatch(
      /revokes your own admin session/,
    );
    expect(describePlan('suspected-exposure', 'automation').join('\n')).not.toMatch(
      /Roles Anywhere|own admin session/,
    );
  });
});
