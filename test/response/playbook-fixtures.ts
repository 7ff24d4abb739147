import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { PlaybookTargets } from '../../lib/response/playbook';
import { PlaybookClients } from '../../lib/response/steps/step';

/** Dummy credentials: the mocked clients never sign for a real endpoint. */
export function dummyAwsEnv(): void {
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
  process.env.AWS_SECRET_ACCESS_KEY = 'dummy-secret-for-tests';
}

export function testClients(): PlaybookClients {
  const config = { region: 'us-east-1' };
  return {
    iam: new IAMClient(config),
    secretsManager: new SecretsManagerClient(config),
    ssm: new SSMClient(config),
    ecs: new ECSClient(config),
    ec2: new EC2Client(config),
  };
}

const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;

/** A deployment with one rotating and one manual credential in automation, one manual in admin. */
export function testTargets(overrides: Partial<PlaybookTargets> = {}): PlaybookTargets {
  return {
    deploymentName: 'paper',
    segments: {
      automation: {
        roleName: 'paper-automation-role',
        rotatingSecrets: [
          { arn: arn('paper/automation/ibkr-session'), name: 'paper/automation/ibkr-session' },
        ],
        manualSecrets: [
          { arn: arn('paper/automation/gateway-login'), name: 'paper/automation/gateway-login' },
        ],
      },
      execution: { roleName: 'paper-execution-role', rotatingSecrets: [], manualSecrets: [] },
      approvals: { roleName: 'paper-approvals-role', rotatingSecrets: [], manualSecrets: [] },
      admin: {
        roleName: 'paper-admin-role',
        rotatingSecrets: [],
        manualSecrets: [
          { arn: arn('paper/admin/ibkr-oauth-issuer'), name: 'paper/admin/ibkr-oauth-issuer' },
        ],
      },
    },
    automation: {
      switchParameterName: '/brokerguard/paper/automation/enabled',
      ecsService: { clusterName: 'trading', serviceName: 'bot' },
      ec2InstanceId: 'i-0123456789abcdef0',
    },
    rolesAnywhereProfileArn:
      'arn:aws:rolesanywhere:us-east-1:123456789012:profile/1234abcd-12ab-34cd-56ef-1234567890ab',
    ...overrides,
  };
}
