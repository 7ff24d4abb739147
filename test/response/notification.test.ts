import { incidentNotification, rejectedNotification } from '../../lib/response/notification';
import { brokerChecklist, IncidentReport } from '../../lib/response/report';

const report: IncidentReport = {
  schema: 'brokerguard.incident/1',
  deployment: 'live',
  playbook: 'suspected-exposure',
  scope: 'all',
  segments: ['automation', 'execution', 'approvals', 'admin'],
  requestedBy: 'auto-containment',
  startedAt: '2026-11-28T14:00:00.000Z',
  finishedAt: '2026-11-28T14:00:03.000Z',
  outcome: 'completed',
  steps: [{ step: 'pause-automation', status: 'done', detail: 'switch off' }],
  brokerChecklist: brokerChecklist('suspected-exposure'),
};

describe('incidentNotification', () => {
  test('opens with the alert header the phone preview shows, then the full report', () => {
    const n = incidentNotification(report);
    expect(n.message.split('\n').slice(0, 2)).toEqual([
      'BrokerGuard [live] suspected-exposure playbook for all segments: done',
      'Segment: deployment | Category: incident',
    ]);
    expect(n.message).toContain('Runbook: docs/runbooks.md#runbook-incident');
    expect(n.message).toContain('DONE    pause-automation: switch off');
    expect(n.subject).toBe('BrokerGuard [live] suspected-exposure playbook for all segments: done');
  });

  test('failures are in the subject', () => {
    const n = incidentNotification({
      ...report,
      outcome: 'completed-with-failures',
      steps: [{ step: 'pause-automation', status: 'failed', detail: 'x' }],
    });
    expect(n.subject).toMatch(/1 step\(s\) FAILED$/);
    expect(n.message).toMatch(/First step: start the same playbook again/);
  });

  test('keeps the SNS subject within 100 printable characters', () => {
    const n = incidentNotification({
      ...report,
      deployment: 'a-very-long-deployment-x',
      playbook: 'lost-device',
    });
    expect(n.subject.length).toBeLessThanOrEqual(100);
  });
});

describe('rejectedNotification', () => {
  test('says nothing was done and why, on one line', () => {
    const n = rejectedNotification('paper', 'scope: got "x"\nallowed: all', 'bob');
    expect(n.message).toContain('Detail: requested by bob: scope: got "x" allowed: all');
    expect(n.message).toContain('First step: nothing was done');
  });
});
