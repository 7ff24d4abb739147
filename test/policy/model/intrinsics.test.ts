import { flatten, globMatch, splitArn, tokenIds } from '../../../lib/policy/model/intrinsics';

function ctx() {
  const unresolved: string[] = [];
  return {
    unresolved,
    c: {
      hasResource: (id: string) => ['Role', 'Key'].includes(id),
      hasParameter: (id: string) => id === 'Env',
      unresolved: (w: string) => unresolved.push(w),
    },
  };
}

describe('flatten', () => {
  test.each([
    [{ Ref: 'Role' }, '${Ref:Role}'],
    [{ 'Fn::GetAtt': ['Role', 'Arn'] }, '${GetAtt:Role.Arn}'],
    [{ 'Fn::GetAtt': 'Key.Arn' }, '${GetAtt:Key.Arn}'],
    [{ Ref: 'AWS::AccountId' }, '${AWS::AccountId}'],
    [{ Ref: 'Env' }, '${Param:Env}'],
    [
      {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root'],
        ],
      },
      'arn:${AWS::Partition}:iam::${AWS::AccountId}:root',
    ],
    [
      { 'Fn::Sub': 'arn:${AWS::Partition}:x/${Role}/${Key.Arn}' },
      'arn:${AWS::Partition}:x/${Ref:Role}/${GetAtt:Key.Arn}',
    ],
    [{ 'Fn::Sub': ['${a}-${!Literal}', { a: { Ref: 'Role' } }] }, '${Ref:Role}-${!Literal}'],
    [{ 'Fn::If': ['c', 'a', 'b'] }, '${?}'],
  ])('%j → %s', (value, flat) => {
    const { c, unresolved } = ctx();
    expect(flatten(value, c)).toBe(flat);
    expect(unresolved).toEqual([]);
  });

  test('what names nothing of the template is reported unresolved', () => {
    const { c, unresolved } = ctx();
    expect(
      flatten(
        {
          'Fn::Join': [
            ':',
            [{ Ref: 'Gone' }, { 'Fn::ImportValue': 'x' }, { 'Fn::GetAtt': ['Nope', 'Arn'] }],
          ],
        },
        c,
      ),
    ).toBe('${?}:${?}:${?}');
    expect(unresolved).toEqual(['Ref Gone', 'Fn::ImportValue "x"', 'Fn::GetAtt Nope.Arn']);
  });

  test('lists and maps are not strings', () => {
    expect(flatten(['a'], ctx().c)).toBeUndefined();
    expect(flatten({ a: 1, b: 2 }, ctx().c)).toBeUndefined();
  });
});

describe('ARNs and globs', () => {
  test('splitArn keeps tokens with colons whole', () => {
    expect(splitArn('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/path/name')).toEqual({
      partition: '${AWS::Partition}',
      service: 'iam',
      region: '',
      account: '${AWS::AccountId}',
      resource: 'role/path/name',
    });
    expect(splitArn('not-an-arn')).toBeUndefined();
  });

  test('globMatch follows IAM wildcards; pseudo parameters in a pattern match any value', () => {
    expect(globMatch('secretsmanager:Get*', 'secretsmanager:GetSecretValue')).toBe(true);
    expect(globMatch('secretsmanager:get*', 'secretsmanager:GetSecretValue', true)).toBe(true);
    expect(globMatch('secretsmanager:get*', 'secretsmanager:GetSecretValue')).toBe(false);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('arn:${AWS::Partition}:x', 'arn:aws:x')).toBe(true);
    expect(globMatch('a.b', 'axb')).toBe(false);
  });

  test('tokenIds lists referenced logical ids', () => {
    expect(tokenIds('x/${Ref:Role}/${GetAtt:Key.Arn}/${AWS::Region}')).toEqual(['Role', 'Key']);
  });
});
