import {
  cdkExecRoleArnPattern,
  ORGANIZATION_POLICY_MAX_CHARACTERS,
  TAG_COMPROMISED,
  TAG_DEPLOYMENT,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
} from '../../lib/contracts';
import { BrokerGuardError } from '../../lib/errors';
import {
  credentialsPolicy,
  detectionPolicy,
  guardrailPolicies,
  minifiedSize,
  perimeterPolicy,
} from '../../lib/organization/guardrail-policies';
import { denies, Request } from './policy-evaluator';

const inputs = {
  name: 'brokerguard',
  deploymentNames: ['paper', 'live'],
  deployerRoleArnPatterns: [cdkExecRoleArnPattern()],
  organizationId: 'o-abcdefghij',
};
const credentials = credentialsPolicy(inputs).document;
const detection = detectionPolicy(inputs).document;
const perimeter = perimeterPolicy(inputs).document;
const scps = [credentials, detection];
const deniedBySCPs = (r: Request) => scps.some((d) => denies(d, r));

const ACCOUNT = '111111111111';
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:paper/automation/ibkr-session-AbCdEf`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1c2d3e-0000-0000-0000-000000000000`;
const segmentTags = { [TAG_SEGMENT]: 'automation', [TAG_DEPLOYMENT]: 'paper' };

/** Who calls: the deployer, a kit role, and two people the guardrails are for. */
const deployer = {
  principalArn: `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-us-east-1`,
};
const playbook = {
  principalArn: `arn:aws:iam::${ACCOUNT}:role/brokerguard-paper-IncidentPlaybookRole-1A2B3C`,
  principalTags: { [TAG_ROLE_KIND]: 'function', [TAG_SEGMENT]: 'admin', [TAG_DEPLOYMENT]: 'paper' },
};
const adminSegment = {
  principalArn: `arn:aws:iam::${ACCOUNT}:role/brokerguard-paper-AdminRole-9Z8Y7X`,
  principalTags: { [TAG_ROLE_KIND]: 'segment', [TAG_SEGMENT]: 'admin', [TAG_DEPLOYMENT]: 'paper' },
};
const consoleAdmin = { principalArn: `arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_Admin_0123` };
// A role whose name imitates the kit's: names do not exempt, tags do.
const lookalike = { principalArn: `arn:aws:iam::${ACCOUNT}:role/brokerguard-paper-Mine` };
const rootUser = { principalArn: `arn:aws:iam::${ACCOUNT}:root` };

describe('service control policies, evaluated as AWS would', () => {
  describe('segment secrets and keys', () => {
    const deleteSecret = {
      action: 'secretsmanager:DeleteSecret',
      resource: SECRET,
      resourceTags: segmentTags,
    };
    const disableKey = { action: 'kms:DisableKey', resource: KEY, resourceTags: segmentTags };

    test.each([
      ['DeleteSecret', deleteSecret],
      ['CancelRotateSecret', { ...deleteSecret, action: 'secretsmanager:CancelRotateSecret' }],
      ['PutResourcePolicy', { ...deleteSecret, action: 'secretsmanager:PutResourcePolicy' }],
      ['DisableKey', disableKey],
      ['ScheduleKeyDeletion', { ...disableKey, action: 'kms:ScheduleKeyDeletion' }],
      ['PutKeyPolicy', { ...disableKey, action: 'kms:PutKeyPolicy' }],
    ])(
      '%s on a segment resource: denied to a console admin, the root user and a look-alike role',
      (_, req) => {
        for (const who of [consoleAdmin, rootUser, lookalike]) {
          expect(deniedBySCPs({ ...req, ...who })).toBe(true);
        }
      },
    );

    test('the deployer and the kit roles keep every one of them', () => {
      for (const who of [deployer, playbook, adminSegment]) {
        expect(deniedBySCPs({ ...deleteSecret, ...who })).toBe(false);
        expect(deniedBySCPs({ ...disableKey, ...who })).toBe(false);
      }
    });

    test('secrets and keys that are not a segment own stay the account own business', () => {
      const mine = {
        ...deleteSecret,
        resource: SECRET.replace('paper/automation/', 'app/'),
        resourceTags: {},
      };
      expect(deniedBySCPs({ ...mine, ...consoleAdmin })).toBe(false);
    });

    test('reading and writing a value is not a guardrail matter', () => {
      const put = {
        action: 'secretsmanager:PutSecretValue',
        resource: SECRET,
        resourceTags: segmentTags,
      };
      expect(deniedBySCPs({ ...put, ...consoleAdmin })).toBe(false);
    });
  });

  describe('the tags that mark segments and kit roles', () => {
    test('untagging a segment secret is denied outside the kit, so nobody escapes by untagging', () => {
      const untag = {
        action: 'secretsmanager:UntagResource',
        resource: SECRET,
        resourceTags: segmentTags,
        tagKeys: [TAG_SEGMENT],
      };
      expect(deniedBySCPs({ ...untag, ...consoleAdmin })).toBe(true);
      expect(deniedBySCPs({ ...untag, ...deployer })).toBe(false);
    });

    test('tagging your own role as a kit role, or passing the tag as a session tag, is denied', () => {
      const tagRole = {
        action: 'iam:TagRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/Mine`,
        tagKeys: [TAG_ROLE_KIND],
      };
      expect(deniedBySCPs({ ...tagRole, ...consoleAdmin })).toBe(true);
      const createTagged = { ...tagRole, action: 'iam:CreateRole' };
      expect(deniedBySCPs({ ...createTagged, ...consoleAdmin })).toBe(true);
      expect(deniedBySCPs({ ...createTagged, ...deployer })).toBe(false);
      const sessionTag = {
        action: 'sts:TagSession',
        resource: `arn:aws:iam::${ACCOUNT}:role/Any`,
        tagKeys: [TAG_ROLE_KIND],
      };
      expect(deniedBySCPs({ ...sessionTag, ...consoleAdmin })).toBe(true);
    });

    test('other tags are free, and the playbook may flag a credential compromised', () => {
      const costTag = {
        action: 'secretsmanager:TagResource',
        resource: SECRET,
        resourceTags: segmentTags,
        tagKeys: ['cost-center'],
      };
      expect(deniedBySCPs({ ...costTag, ...consoleAdmin })).toBe(false);
      expect(deniedBySCPs({ ...costTag, tagKeys: [TAG_COMPROMISED], ...playbook })).toBe(false);
    });
  });

  describe('kit roles', () => {
    const kitRole = `arn:aws:iam::${ACCOUNT}:role/brokerguard-paper-AutomationRole-1A2B`;
    test('changing a kit role policy is denied to others; the playbook still revokes sessions', () => {
      const put = {
        action: 'iam:PutRolePolicy',
        resource: kitRole,
        resourceTags: { [TAG_ROLE_KIND]: 'segment' },
      };
      expect(deniedBySCPs({ ...put, ...consoleAdmin })).toBe(true);
      expect(deniedBySCPs({ ...put, ...playbook })).toBe(false);
      expect(deniedBySCPs({ ...put, resourceTags: {}, ...consoleAdmin })).toBe(false);
    });

    test('a function role may be passed by the deployer only; the server role stays launchable', () => {
      const pass = {
        action: 'iam:PassRole',
        resource: kitRole,
        resourceTags: { [TAG_ROLE_KIND]: 'function' },
      };
      expect(deniedBySCPs({ ...pass, ...adminSegment })).toBe(true);
      expect(deniedBySCPs({ ...pass, ...deployer })).toBe(false);
      expect(
        deniedBySCPs({ ...pass, resourceTags: { [TAG_ROLE_KIND]: 'segment' }, ...consoleAdmin }),
      ).toBe(false);
    });
  });

  describe('detection', () => {
    test('StopLogging on any trail is denied outside the kit and the deployer', () => {
      const stop = {
        action: 'cloudtrail:StopLogging',
        resource: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`,
      };
      expect(deniedBySCPs({ ...stop, ...consoleAdmin })).toBe(true);
      expect(deniedBySCPs({ ...stop, ...deployer })).toBe(false);
    });

    test.each([
      [
        'cloudwatch:DeleteAlarms',
        `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:paper-automation-login-failures`,
      ],
      ['events:DisableRule', `arn:aws:events:us-east-1:${ACCOUNT}:rule/brokerguard-live-root-use`],
      ['sns:DeleteTopic', `arn:aws:sns:us-east-1:${ACCOUNT}:brokerguard-paper-alerts`],
      [
        'sns:Unsubscribe',
        `arn:aws:sns:us-east-1:${ACCOUNT}:brokerguard-paper-alerts:5f0e6d1c-aaaa`,
      ],
    ])('%s on a kit resource is denied to others', (action, resource) => {
      expect(deniedBySCPs({ action, resource, ...consoleAdmin })).toBe(true);
      expect(deniedBySCPs({ action, resource, ...deployer })).toBe(false);
    });

    test('alarms and topics of other deployments and of the user stay free', () => {
      const action = 'cloudwatch:DeleteAlarms';
      expect(
        deniedBySCPs({
          action,
          resource: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:billing-high`,
          ...consoleAdmin,
        }),
      ).toBe(false);
      expect(
        deniedBySCPs({
          action: 'sns:DeleteTopic',
          resource: `arn:aws:sns:us-east-1:${ACCOUNT}:brokerguard-test-alerts`,
          ...consoleAdmin,
        }),
      ).toBe(false);
    });

    test('no account leaves the organization, the deployer included', () => {
      for (const who of [consoleAdmin, deployer, adminSegment]) {
        expect(
          deniedBySCPs({ action: 'organizations:LeaveOrganization', resource: '*', ...who }),
        ).toBe(true);
      }
    });
  });

  test('every statement matches actions by their exact service prefix (no typos AWS would ignore)', () => {
    const services = new Set([
      'secretsmanager',
      'kms',
      'iam',
      'sts',
      'cloudtrail',
      'cloudwatch',
      'events',
      'sns',
      'organizations',
    ]);
    for (const s of [...credentials.Statement, ...detection.Statement, ...perimeter.Statement]) {
      for (const a of s.Action) expect(services.has(a.split(':')[0])).toBe(true);
    }
  });
});

describe('resource control policy, evaluated as AWS would', () => {
  const read = {
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    resourceTags: segmentTags,
  };
  const decrypt = { action: 'kms:Decrypt', resource: KEY, resourceTags: segmentTags };

  test('a principal of another organization (or none) cannot read a segment secret or decrypt with its key', () => {
    for (const req of [read, decrypt]) {
      expect(
        denies(perimeter, {
          ...req,
          principalOrgId: 'o-otherorgxyz',
          principalIsAwsService: false,
        }),
      ).toBe(true);
      expect(denies(perimeter, { ...req, principalIsAwsService: false })).toBe(true);
    }
  });

  test('principals of the organization and AWS services acting for it still can', () => {
    expect(
      denies(perimeter, {
        ...read,
        principalOrgId: inputs.organizationId,
        principalIsAwsService: false,
      }),
    ).toBe(false);
    // CloudWatch Logs encrypting a segment log group with the segment key.
    expect(denies(perimeter, { ...decrypt, principalIsAwsService: true })).toBe(false);
  });

  test('resources without the segment tag are untouched', () => {
    expect(
      denies(perimeter, {
        ...read,
        resourceTags: {},
        principalOrgId: 'o-otherorgxyz',
        principalIsAwsService: false,
      }),
    ).toBe(false);
  });

  test('RCP statements name every principal, as AWS Organizations requires', () => {
    for (const s of perimeter.Statement) expect(s.Principal).toBe('*');
  });
});

describe('sizes', () => {
  test('with two deployments every policy is far below the 5,120-character quota', () => {
    for (const p of guardrailPolicies(inputs)) {
      expect(minifiedSize(p.document)).toBeLessThan(ORGANIZATION_POLICY_MAX_CHARACTERS / 2);
    }
  });

  test('a policy over the quota throws, naming the policy and its size', () => {
    const many = Array.from({ length: 40 }, (_, i) => `deployment-${i}`);
    expect(() => guardrailPolicies({ ...inputs, deploymentNames: many })).toThrow(BrokerGuardError);
    expect(() => guardrailPolicies({ ...inputs, deploymentNames: many })).toThrow(
      /policy brokerguard-protect-detection is \d{4,} characters minified; AWS Organizations allows at most 5120/,
    );
  });

  test('without an organization id there is no resource control policy', () => {
    const rest = { ...inputs, organizationId: undefined };
    expect(guardrailPolicies(rest).map((p) => p.type)).toEqual([
      'SERVICE_CONTROL_POLICY',
      'SERVICE_CONTROL_POLICY',
    ]);
  });
});
