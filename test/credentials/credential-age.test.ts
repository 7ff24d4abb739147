import { COMPROMISED_AGE_DAYS } from '../../lib/contracts';
import { credentialAgeDays, credentialAgeEmf } from '../../lib/credentials/credential-age';

const DAY = 86_400_000;
const now = Date.parse('2026-06-01T00:00:00Z');

test('age is fractional days since the change', () => {
  expect(credentialAgeDays(now - 1.5 * DAY, now)).toBe(1.5);
});

test.each([
  ['flagged after the last change', '2026-05-31T00:00:00Z', COMPROMISED_AGE_DAYS],
  ['replaced after it was flagged', '2026-05-20T00:00:00Z', 10],
  ['flagged with an unreadable time', 'yesterday', COMPROMISED_AGE_DAYS],
])('a compromised tag %s', (_, tag, expected) => {
  expect(credentialAgeDays(now - 10 * DAY, now, tag)).toBe(expected);
});

test('the EMF line carries the metric, its dimension and the value', () => {
  expect(JSON.parse(credentialAgeEmf('paper/automation/ibkr-login', 12.34567, now))).toEqual({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: 'BrokerGuard',
          Dimensions: [['Credential']],
          Metrics: [{ Name: 'CredentialAgeDays', Unit: 'None' }],
        },
      ],
    },
    Credential: 'paper/automation/ibkr-login',
    CredentialAgeDays: 12.346,
  });
});
