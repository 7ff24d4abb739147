import { decide, DecisionInput, strongest } from '../../../lib/policy/access/access-verdict';
import { PolicyStatement } from '../../../lib/policy/model/policy-document';
import { RequestFacts, valueFact } from '../../../lib/policy/access/request-conditions';

/** A request in which only `aws:sourceip` is unknown and `kms:viaservice` is "sm". */
const facts: RequestFacts = {
  fact: (k) => (k === 'kms:viaservice' ? valueFact('sm') : k === 'aws:sourceip' ? undefined : null),
};
const allow: PolicyStatement = { effect: 'Allow', conditions: {} };
const deny: PolicyStatement = { effect: 'Deny', conditions: {} };
const maybe = (s: PolicyStatement): PolicyStatement => ({
  ...s,
  conditions: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
});
const viaSm = (s: PolicyStatement): PolicyStatement => ({
  ...s,
  conditions: { StringEquals: { 'kms:ViaService': ['sm'] } },
});
const input = (over: Partial<DecisionInput>): DecisionInput => ({
  facts,
  identity: [],
  resourceToRole: [],
  resourceToSession: [],
  resourceLabel: 'the key policy of K',
  ...over,
});

describe('decide (IAM evaluation within one account)', () => {
  test('nothing grants it: none, whatever denies', () => {
    expect(decide(input({ resourceToRole: [deny] }))).toEqual({ verdict: 'none' });
  });

  test('an identity allow, no boundary, no resource consent needed: allow', () => {
    expect(decide(input({ identity: [allow] }))).toEqual({ verdict: 'allow' });
  });

  test('an explicit deny anywhere wins, and says where', () => {
    expect(decide(input({ identity: [allow], boundary: [allow, deny] }))).toEqual({
      verdict: 'deny',
      because: 'explicit deny in the permissions boundary',
    });
    expect(decide(input({ identity: [allow], resourceToRole: [deny] }))).toEqual({
      verdict: 'deny',
      because: 'explicit deny in the key policy of K',
    });
  });

  test('the boundary caps identity grants and grants to the role ARN, not to a session', () => {
    const capped = { verdict: 'deny', because: 'outside the permissions boundary' };
    expect(decide(input({ identity: [allow], boundary: [] }))).toEqual(capped);
    expect(decide(input({ resourceToRole: [allow], boundary: [] }))).toEqual(capped);
    expect(decide(input({ resourceToSession: [allow], boundary: [] }))).toEqual({
      verdict: 'allow',
    });
  });

  test('a key whose policy does not delegate to IAM policies refuses identity grants', () => {
    expect(decide(input({ identity: [allow], delegation: [] }))).toEqual({
      verdict: 'deny',
      because: 'the key policy of K does not let IAM policies grant it',
    });
    expect(decide(input({ identity: [allow], delegation: [viaSm(allow)] }))).toEqual({
      verdict: 'allow',
    });
  });

  test('an undecided allow or an undecided deny is conditional, with the keys', () => {
    expect(decide(input({ identity: [maybe(allow)] }))).toEqual({
      verdict: 'conditional',
      because: 'undecided: IpAddress aws:SourceIp',
    });
    expect(decide(input({ identity: [allow], resourceToRole: [maybe(deny)] }))).toEqual({
      verdict: 'conditional',
      because: 'undecided: IpAddress aws:SourceIp',
    });
    // an undecided boundary caps to conditional too
    expect(decide(input({ identity: [allow], boundary: [maybe(allow)] })).verdict).toBe(
      'conditional',
    );
  });
});

test('strongest picks the most permissive verdict of several actions', () => {
  expect(
    strongest([
      { verdict: 'deny', because: 'x' },
      { verdict: 'conditional', because: 'y' },
    ]),
  ).toEqual({ verdict: 'conditional', because: 'y' });
  expect(strongest([])).toEqual({ verdict: 'none' });
});
