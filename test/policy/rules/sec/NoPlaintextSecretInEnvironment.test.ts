import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-SEC-2';

describe('BG-SEC-2 NoPlaintextSecretInEnvironment', () => {
  test('Compliance: pointers to secrets, references and non-secret names', () => {
    const w = world();
    w.RotationFunction.Properties.Environment = {
      Variables: {
        SECRET_ARN: { Ref: 'SessionSecret' },
        SECRET_IDS: '["paper/automation/session"]',
        API_TOKEN: { 'Fn::GetAtt': ['SessionSecret', 'Id'] },
        DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}',
        TOKEN_TTL_SECONDS: '3600',
        LOG_LEVEL: 'debug',
      },
    };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: literal password and API key values', () => {
    const w = world();
    w.RotationFunction.Properties.Environment = {
      Variables: { IBKR_PASSWORD: 'hunter2', ApiKey: 'ak-1234567890', REGION: 'us-east-1' },
    };
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Variable::ApiKey] RotationFunction`,
      `${RULE}[Variable::IBKR_PASSWORD] RotationFunction`,
    ]);
  });

  test('Noncompliance: an untagged SAM function, judged although the transform is not expanded', () => {
    const w = world();
    w.Api = {
      Type: 'AWS::Serverless::Function',
      Properties: { Environment: { Variables: { SLACK_TOKEN: 'xoxb-literal' } } },
    };
    expect(judge(w, RULE)).toEqual([`${RULE}[Variable::SLACK_TOKEN] Api`]);
  });
});
