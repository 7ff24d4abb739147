import { PolicyStatement } from '../../../lib/policy/model/policy-document';
import {
  allOf,
  anyOf,
  conditionsHold,
  iamArnMatches,
  RequestFacts,
  valueFact,
} from '../../../lib/policy/access/request-conditions';

/** A request that knows `kms:viaservice` and `aws:principaltag/team`, and nothing else. */
const facts = (via?: string, team?: string): RequestFacts => ({
  fact: (key) => {
    if (key === 'kms:viaservice') return via === undefined ? null : valueFact(via);
    if (key === 'aws:principaltag/team') return team === undefined ? null : valueFact(team);
    return undefined;
  },
});
const statement = (conditions: PolicyStatement['conditions']): PolicyStatement => ({
  effect: 'Allow',
  conditions,
});
const SM = 'secretsmanager.${AWS::Region}.amazonaws.com';

describe('conditionsHold', () => {
  test.each([
    ['a matching StringEquals', { StringEquals: { 'kms:ViaService': [SM] } }, SM, 'yes'],
    [
      'a different value',
      { StringEquals: { 'kms:ViaService': ['sns.x.amazonaws.com'] } },
      SM,
      'no',
    ],
    ['the key absent', { StringEquals: { 'kms:ViaService': [SM] } }, undefined, 'no'],
    [
      'a negated operator, key absent',
      { StringNotEquals: { 'kms:ViaService': [SM] } },
      undefined,
      'yes',
    ],
    [
      'IfExists, key absent',
      { StringEqualsIfExists: { 'kms:ViaService': [SM] } },
      undefined,
      'yes',
    ],
    ['Null true, key absent', { Null: { 'kms:ViaService': ['true'] } }, undefined, 'yes'],
    ['Null false, key absent', { Null: { 'kms:ViaService': ['false'] } }, undefined, 'no'],
    ['StringLike glob', { StringLike: { 'kms:ViaService': ['secretsmanager.*'] } }, SM, 'yes'],
    [
      'a literal region',
      { StringEquals: { 'kms:ViaService': ['secretsmanager.eu-west-1.amazonaws.com'] } },
      SM,
      'maybe',
    ],
    [
      'a deploy-time value',
      { StringEquals: { 'kms:ViaService': ['${Param:Service}'] } },
      SM,
      'maybe',
    ],
  ] as const)('%s', (_name, conditions, via, expected) => {
    expect(conditionsHold(statement(conditions as any), facts(via)).applies).toBe(expected);
  });

  test('keys and operators it does not model are undecided, and named', () => {
    const r = conditionsHold(
      statement({
        StringEquals: { 'kms:ViaService': [SM] },
        IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] },
        'ForAnyValue:StringEquals': { 'aws:PrincipalTag/team': ['desk'] },
      }),
      facts(SM, 'desk'),
    );
    expect(r).toEqual({
      applies: 'maybe',
      undecided: ['IpAddress aws:SourceIp', 'ForAnyValue:StringEquals aws:PrincipalTag/team'],
    });
  });

  test('one false condition decides, however many are undecided', () => {
    const r = conditionsHold(
      statement({
        IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] },
        StringEquals: { 'aws:PrincipalTag/team': ['desk'] },
      }),
      facts(SM, 'phone'),
    );
    expect(r).toEqual({ applies: 'no', undecided: [] });
  });
});

describe('iamArnMatches', () => {
  test.each([
    ['arn:${AWS::Partition}:iam::${AWS::AccountId}:role/trader', 'trader', false, true],
    ['arn:${AWS::Partition}:iam::${AWS::AccountId}:role/other', 'trader', false, false],
    ['arn:aws:iam::${AWS::AccountId}:role/path/trader', 'trader', false, true],
    ['arn:aws:iam::*:role/*', undefined, true, true],
    ['arn:aws:iam::*:role/trad*', undefined, true, undefined],
    ['arn:aws:iam::123456789012:role/trader', 'trader', false, undefined],
    ['arn:aws:iam::${AWS::AccountId}:user/trader', 'trader', false, false],
  ] as const)('%s names role %s: %s', (pattern, name, like, expected) => {
    expect(iamArnMatches(pattern, 'role', name, like)).toBe(expected);
  });
});

test('anyOf and allOf order yes > maybe > no', () => {
  expect(anyOf('no', 'maybe')).toBe('maybe');
  expect(anyOf('maybe', 'yes')).toBe('yes');
  expect(allOf('yes', 'maybe')).toBe('maybe');
  expect(allOf('maybe', 'no')).toBe('no');
});
