import { TemplateModel } from '../../../lib/policy/model/template-model';

describe('TemplateModel', () => {
  const model = TemplateModel.fromTemplate({
    Resources: {
      Secret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: {
          Tags: [
            { Key: 'brokerguard:segment', Value: 'automation' },
            { Key: 'brokerguard:credential-class', Value: 'api-key' },
          ],
        },
        Metadata: {
          cdk_nag: {
            rules_to_suppress: [{ id: 'BrokerGuardChecks::BG-ROT-1[NoRotation]', reason: 'why' }],
          },
        },
      },
      Param: {
        Type: 'AWS::SSM::Parameter',
        Properties: { Tags: { 'brokerguard:segment': 'admin' } },
      },
      Odd: {
        Type: 'AWS::IAM::Role',
        Properties: { Tags: [{ Key: 'brokerguard:segment', Value: 'research' }] },
      },
    },
    Parameters: { Env: {} },
  });

  test('reads list and map tags, and only known segments and classes', () => {
    expect(model.get('Secret')).toMatchObject({
      segment: 'automation',
      credentialClass: 'api-key',
    });
    expect(model.get('Param')?.segment).toBe('admin');
    expect(model.get('Odd')?.segment).toBeUndefined();
    expect(model.get('Odd')?.tags['brokerguard:segment']).toBe('research');
  });

  test('reads acknowledgements written by synth', () => {
    expect(model.get('Secret')?.acknowledgements).toEqual({
      'BrokerGuardChecks::BG-ROT-1[NoRotation]': 'why',
    });
  });

  test('indexes by type and resolves targets; a missing target is noted', () => {
    expect(model.byType('AWS::IAM::Role').map((r) => r.id)).toEqual(['Odd']);
    expect(model.target({ 'Fn::GetAtt': ['Secret', 'Id'] })?.id).toBe('Secret');
    expect(model.target({ Ref: 'Env' })).toBeUndefined();
    expect(model.target({ Ref: 'Gone' })).toBeUndefined();
    expect(model.unresolved).toEqual(['Ref Gone']);
  });

  test('memo computes once per model', () => {
    let calls = 0;
    model.memo('x', () => ++calls);
    model.memo('x', () => ++calls);
    expect(calls).toBe(1);
  });
});
