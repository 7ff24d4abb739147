import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { findGateway, loginIsPlaceholder, putLoginCommand } from '../../lib/cli/gateway-control';
import { SecretsManagerDouble } from '../doubles/secrets-manager-double';

process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
process.env.AWS_SECRET_ACCESS_KEY = 'dummy-secret-for-tests';
const secrets = new SecretsManagerDouble();
const cfn = mockClient(CloudFormationClient);
const sm = () => new SecretsManagerClient({ region: 'us-east-1' });

beforeAll(async () => {
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = await secrets.start();
});
afterAll(async () => {
  await secrets.stop();
  delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
});
beforeEach(() => cfn.reset());

describe('gateway control (CLI side)', () => {
  test('a login secret is a placeholder until a value is put over the generated one', async () => {
    const name = 'paper/automation/ibkr-login';
    await sm().send(new CreateSecretCommand({ Name: name, SecretString: '{"placeholder":"x"}' }));
    expect(await loginIsPlaceholder(sm(), name)).toBe(true);
    await sm().send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: '{"username":"u","password":"p"}',
      }),
    );
    expect(await loginIsPlaceholder(sm(), name)).toBe(false);
    expect(secrets.calls.filter((c) => c === 'GetSecretValue')).toEqual([]);
  });

  test('the host is found in the stack outputs; none when they are absent or the stack is gone', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'brokerguard-paper',
          CreationTime: new Date(),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'BrokerGuardGatewayCluster', OutputValue: 'c' },
            { OutputKey: 'BrokerGuardGatewayService', OutputValue: 's' },
            { OutputKey: 'BrokerGuardGatewayLoginSecret', OutputValue: 'paper/automation/l' },
          ],
        },
      ],
    });
    expect(await findGateway(new CloudFormationClient({}), 'paper')).toEqual({
      clusterName: 'c',
      serviceName: 's',
      loginSecretName: 'paper/automation/l',
    });
    expect(cfn.commandCalls(DescribeStacksCommand)[0].args[0].input).toEqual({
      StackName: 'brokerguard-paper',
    });
    cfn.reset();
    cfn
      .on(DescribeStacksCommand)
      .rejects(new Error('Stack with id brokerguard-paper does not exist'));
    expect(await findGateway(new CloudFormationClient({}), 'paper')).toBeUndefined();
  });

  test('the refusal names the command and the JSON keys, never a value', () => {
    expect(putLoginCommand('paper/automation/ibkr-login')).toBe(
      'aws secretsmanager put-secret-value --secret-id paper/automation/ibkr-login --secret-string file://login.json  (login.json: {"username":"...","password":"..."})',
    );
  });
});
