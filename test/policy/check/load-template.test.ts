import { parseTemplate } from '../../../lib/policy/check/load-template';

describe('parseTemplate', () => {
  test('YAML short-form intrinsics become their long forms', () => {
    const t = parseTemplate(
      [
        'Resources:',
        '  A:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      A: !Ref B',
        '      B: !GetAtt C.Arn',
        '      C: !Join [":", [!Ref AWS::Region, !GetAtt [D, Arn]]]',
        '      D: !Sub ["${x}", {x: !ImportValue shared}]',
        '      E: !If [Cond, !Base64 text, !Ref AWS::NoValue]',
        '      F: !Select [0, !GetAZs ""]',
      ].join('\n'),
      't.yaml',
    );
    expect(t.Resources!.A.Properties).toEqual({
      A: { Ref: 'B' },
      B: { 'Fn::GetAtt': ['C', 'Arn'] },
      C: { 'Fn::Join': [':', [{ Ref: 'AWS::Region' }, { 'Fn::GetAtt': ['D', 'Arn'] }]] },
      D: { 'Fn::Sub': ['${x}', { x: { 'Fn::ImportValue': 'shared' } }] },
      E: { 'Fn::If': ['Cond', { 'Fn::Base64': 'text' }, { Ref: 'AWS::NoValue' }] },
      F: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
    });
  });

  test('JSON is read as JSON', () => {
    expect(
      parseTemplate('{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}}', 't.json').Resources!.A
        .Type,
    ).toBe('AWS::SNS::Topic');
  });

  test.each([
    ['{"Resources": ', /t: not valid JSON/],
    ['Resources: [a', /t: not valid YAML/],
    ['- a\n- b', /t: a template is a mapping with a Resources section; got a list/],
    ['Outputs: {}', /t: no Resources section/],
    ['Resources:\n  A:\n    Properties: {}', /t: resource A has no Type/],
  ])('%j is refused clearly', (text, message) => {
    expect(() => parseTemplate(text, 't')).toThrow(message);
  });
});
