import { parsePlaybookRequest, segmentsInScope } from '../../lib/response/playbook';

describe('parsePlaybookRequest', () => {
  test('accepts a playbook, a segment and who asked', () => {
    expect(
      parsePlaybookRequest({ playbook: 'lost-device', scope: 'automation', requestedBy: 'alice' }),
    ).toEqual({
      playbook: 'lost-device',
      scope: 'automation',
      requestedBy: 'alice',
    });
  });

  test('says where to find who asked when the starter did not say', () => {
    expect(
      parsePlaybookRequest({ playbook: 'suspected-exposure', scope: 'all' }).requestedBy,
    ).toMatch(/CloudTrail/);
  });

  test('refuses an unknown playbook, naming the value and the allowed ones', () => {
    expect(() => parsePlaybookRequest({ playbook: 'panic', scope: 'all' })).toThrow(
      /playbook: got "panic"; allowed: lost-device, suspected-exposure/,
    );
  });

  test('refuses an unknown segment', () => {
    expect(() => parsePlaybookRequest({ playbook: 'lost-device', scope: 'phone' })).toThrow(
      /scope: got "phone"; allowed: automation, execution, approvals, admin, all/,
    );
  });

  test('refuses no input at all', () => {
    expect(() => parsePlaybookRequest(undefined)).toThrow(/playbook: got undefined/);
  });
});

describe('segmentsInScope', () => {
  test('all means the four segments', () => {
    expect(segmentsInScope('all')).toEqual(['automation', 'execution', 'approvals', 'admin']);
    expect(segmentsInScope('approvals')).toEqual(['approvals']);
  });
});
