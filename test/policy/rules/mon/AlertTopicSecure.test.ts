import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-MON-3';

describe('BG-MON-3 AlertTopicSecure', () => {
  test('Compliance: encrypted, TLS enforced, subscribed', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: not encrypted', () => {
    const w = world();
    delete w.AlertTopic.Properties.KmsMasterKeyId;
    expect(judge(w, RULE)).toEqual([`${RULE}[NotEncrypted] AlertTopic`]);
  });

  test('Noncompliance: TLS not enforced', () => {
    const w = world();
    delete (w as Record<string, unknown>).AlertTopicPolicy;
    expect(judge(w, RULE)).toEqual([`${RULE}[TlsNotEnforced] AlertTopic`]);
  });

  test('Noncompliance: nobody subscribed', () => {
    const w = world();
    delete (w as Record<string, unknown>).AlertSubscription;
    expect(judge(w, RULE)).toEqual([`${RULE}[NoSubscription] AlertTopic`]);
  });

  test('Compliance: topics no alarm notifies are not alert topics', () => {
    const w = world();
    w.Other = { Type: 'AWS::SNS::Topic', Properties: {} };
    expect(judge(w, RULE)).toEqual([]);
  });
});
