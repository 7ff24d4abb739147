import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { rotateCredential } from '../../../lib/response/steps/rotate-credential';
import { dummyAwsEnv, testClients } from '../playbook-fixtures';

dummyAwsEnv();
const sm = mockClient(SecretsManagerClient);
beforeEach(() => sm.reset());
const secret = {
  arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:paper/automation/s-AbCdEf',
  name: 'paper/automation/s',
};

describe('rotateCredential', () => {
  test('starts an immediate rotation with the configured function', async () => {
    sm.on(RotateSecretCommand).resolves({ VersionId: 'v2' });
    const result = await rotateCredential('automation', secret, testClients());
    expect(result).toEqual({
      step: 'rotate-credential',
      segment: 'automation',
      target: 'paper/automation/s',
      status: 'done',
      detail: 'rotation of paper/automation/s started (new version v2)',
    });
    expect(sm.commandCalls(RotateSecretCommand)[0].args[0].input).toEqual({
      SecretId: secret.arn,
      RotateImmediately: true,
    });
  });

  test('a rotation already under way (a re-run) is skipped, not failed', async () => {
    sm.on(RotateSecretCommand).rejects(
      Object.assign(
        new Error("A previous rotation isn't complete. That rotation will be reattempted."),
        {
          name: 'InvalidRequestException',
        },
      ),
    );
    const result = await rotateCredential('automation', secret, testClients());
    expect(result).toMatchObject({
      status: 'skipped',
      detail: expect.stringMatching(/already in progress/),
    });
  });

  test('any other refusal is a failure with the reason', async () => {
    sm.on(RotateSecretCommand).rejects(
      Object.assign(new Error('No Lambda rotation function ARN is associated with this secret.'), {
        name: 'InvalidRequestException',
      }),
    );
    const result = await rotateCredential('automation', secret, testClients());
    expect(result).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/^InvalidRequestException: No Lambda/),
    });
  });
});
