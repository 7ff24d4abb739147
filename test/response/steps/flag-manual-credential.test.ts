import {
  DescribeSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { flagManualCredential } from '../../../lib/response/steps/flag-manual-credential';
import { dummyAwsEnv, testClients } from '../playbook-fixtures';

dummyAwsEnv();
const sm = mockClient(SecretsManagerClient);
beforeEach(() => sm.reset());
const secret = {
  arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:paper/admin/m-AbCdEf',
  name: 'paper/admin/m',
};
const now = new Date('2026-11-28T14:00:00.000Z');

describe('flagManualCredential', () => {
  test('tags the credential compromised with the time of the run', async () => {
    sm.on(DescribeSecretCommand).resolves({
      LastChangedDate: new Date('2026-10-01T00:00:00Z'),
      Tags: [],
    });
    sm.on(TagResourceCommand).resolves({});
    const result = await flagManualCredential('admin', secret, now, testClients());
    expect(result).toMatchObject({
      step: 'flag-manual-credential',
      status: 'done',
      target: 'paper/admin/m',
    });
    expect(sm.commandCalls(TagResourceCommand)[0].args[0].input).toEqual({
      SecretId: secret.arn,
      Tags: [{ Key: 'brokerguard:compromised', Value: '2026-11-28T14:00:00.000Z' }],
    });
  });

  test('a re-run keeps the first flag time while the value is unchanged', async () => {
    sm.on(DescribeSecretCommand).resolves({
      LastChangedDate: new Date('2026-10-01T00:00:00Z'),
      Tags: [{ Key: 'brokerguard:compromised', Value: '2026-11-28T13:00:00.000Z' }],
    });
    const result = await flagManualCredential('admin', secret, now, testClients());
    expect(result).toMatchObject({
      status: 'done',
      detail: expect.stringMatching(/already flagged .* since 2026-11-28T13:00/),
    });
    expect(sm.commandCalls(TagResourceCommand)).toHaveLength(0);
  });

  test('a credential replaced since an old flag is flagged again (a new incident)', async () => {
    sm.on(DescribeSecretCommand).resolves({
      LastChangedDate: new Date('2026-11-01T00:00:00Z'),
      Tags: [{ Key: 'brokerguard:compromised', Value: '2026-10-15T00:00:00.000Z' }],
    });
    sm.on(TagResourceCommand).resolves({});
    await flagManualCredential('admin', secret, now, testClients());
    expect(sm.commandCalls(TagResourceCommand)[0].args[0].input.Tags).toEqual([
      { Key: 'brokerguard:compromised', Value: '2026-11-28T14:00:00.000Z' },
    ]);
  });

  test('a refused tag is a failure with the reason', async () => {
    sm.on(DescribeSecretCommand).resolves({ Tags: [] });
    sm.on(TagResourceCommand).rejects(
      Object.assign(new Error('denied'), { name: 'AccessDeniedException' }),
    );
    const result = await flagManualCredential('admin', secret, now, testClients());
    expect(result).toMatchObject({ status: 'failed', detail: 'AccessDeniedException: denied' });
  });
});
