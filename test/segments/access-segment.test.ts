import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AccessSegment } from '../../lib/segments/access-segment';
import { SegmentTrust } from '../../lib/segments/segment-trust';
import { resourcesOf, template, testStack } from '../helpers/stack';
import { Segment } from '../../lib/contracts';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----';

function automation(stack = testStack(), trust = SegmentTrust.server({ ec2: true })) {
  return new AccessSegment(stack, 'Automation', {
    segment: Segment.AUTOMATION,
    deploymentName: 'paper',
    trust,
  });
}

function human(stack = testStack(), segment: Segment = Segment.EXECUTION, maxMfaAge?: Duration) {
  return new AccessSegment(stack, 'Human', {
    segment,
    deploymentName: 'paper',
    trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()], maxMfaAge }),
  });
}

function roleOf(seg: AccessSegment) {
  const t = template(seg.stack);
  const id = seg.stack.getLogicalId(seg.role.node.defaultChild as iam.CfnRole);
  return t.toJSON().Resources[id].Properties;
}

describe('AccessSegment: the human roles are bounded too', () => {
  test.each([[Segment.EXECUTION], [Segment.APPROVALS], [Segment.ADMIN]])(
    'the %s role has its own SegmentBoundary, named by prefix and tag (no reference cycle)',
    (segment) => {
      // GIVEN / WHEN
      const seg = human(testStack(), segment);
      // THEN
      const t = template(seg.stack);
      const [[boundaryId, boundary]] = resourcesOf(t, 'AWS::IAM::ManagedPolicy');
      expect(roleOf(seg).PermissionsBoundary).toEqual({ Ref: boundaryId });
      const read = boundary.Properties.PolicyDocument.Statement.find(
        (s: any) => s.Sid === 'ReadOwnSegmentSecrets',
      );
      expect(JSON.stringify(read.Resource)).toContain(`:secret:paper/${segment}/*`);
      expect(JSON.stringify(boundary)).not.toMatch(/Fn::GetAtt/);
    },
  );
});

describe('AccessSegment: automation (the trading server)', () => {
  test('the role has 1 h sessions, a permissions boundary and only service trust', () => {
    // GIVEN / WHEN
    const seg = automation();
    // THEN
    const role = roleOf(seg);
    expect(role.MaxSessionDuration).toBe(3600);
    expect(role.PermissionsBoundary).toEqual({ Ref: expect.stringMatching(/Boundary/) });
    const principals = role.AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal);
    for (const p of principals) expect(Object.keys(p)).toEqual(['Service']);
  });

  test('the boundary names no wildcard action and caps reads to the segment prefix', () => {
    const seg = automation();
    const t = template(seg.stack);
    const [, boundary] = resourcesOf(t, 'AWS::IAM::ManagedPolicy')[0];
    const statements = boundary.Properties.PolicyDocument.Statement;
    const actions = statements.flatMap((s: any) => [].concat(s.Action));
    expect(actions.filter((a: string) => a.includes('*'))).toEqual([]);
    const read = statements.find((s: any) => s.Sid === 'ReadOwnSegmentSecrets');
    expect(JSON.stringify(read.Resource)).toContain(':secret:paper/automation/*');
    const decrypt = statements.find(
      (s: any) => s.Sid === 'DecryptWithOwnSegmentKeyThroughSecretsManager',
    );
    expect(decrypt.Condition.StringEquals['aws:ResourceTag/brokerguard:segment']).toBe(
      'automation',
    );
    const sw = statements.find((s: any) => s.Sid === 'ReadAutomationSwitch');
    expect(sw.Action).toBe('ssm:GetParameter');
    expect(JSON.stringify(sw.Resource)).toContain(
      ':parameter/brokerguard/paper/automation/enabled',
    );
  });

  test('EC2: an instance profile and a launch template that requires IMDSv2', () => {
    const seg = automation(testStack(), SegmentTrust.server({ ec2: true, ec2MetadataHopLimit: 2 }));
    const t = template(seg.stack);
    t.resourceCountIs('AWS::IAM::InstanceProfile', 1);
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: Match.objectLike({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 }),
      }),
    });
  });

  test('ECS only: no instance profile, and the task trust is limited to this account', () => {
    const seg = automation(testStack(), SegmentTrust.server({ ecs: true }));
    const t = template(seg.stack);
    t.resourceCountIs('AWS::IAM::InstanceProfile', 0);
    t.resourceCountIs('AWS::EC2::LaunchTemplate', 0);
    const stmt = roleOf(seg).AssumeRolePolicyDocument.Statement[0];
    expect(stmt.Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
    expect(stmt.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
  });

  test('Roles Anywhere: trust anchor on the CA bundle, a 1 h profile, subject and anchor conditions', () => {
    const seg = automation(
      testStack(),
      SegmentTrust.server({
        rolesAnywhere: {
          caCertificateBundlePem: CA,
          certificateSubject: { commonName: 'trader-1', organizationalUnit: 'ops' },
        },
      }),
    );
    const t = template(seg.stack);
    t.hasResourceProperties('AWS::RolesAnywhere::TrustAnchor', {
      Enabled: true,
      Source: { SourceType: 'CERTIFICATE_BUNDLE', SourceData: { X509CertificateData: CA } },
    });
    t.hasResourceProperties('AWS::RolesAnywhere::Profile', {
      DurationSeconds: 3600,
      Enabled: true,
    });
    const stmt = roleOf(seg).AssumeRolePolicyDocument.Statement[0];
    expect(stmt.Action).toEqual(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);
    expect(stmt.Condition.StringEquals).toEqual({
      'aws:PrincipalTag/x509Subject/CN': 'trader-1',
      'aws:PrincipalTag/x509Subject/OU': 'ops',
    });
    expect(stmt.Condition.ArnEquals['aws:SourceArn']).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/TrustAnchor/), 'TrustAnchorArn'],
    });
    expect(seg.rolesAnywhereProfile).toBeDefined();
  });

  test('refuses human trust, a longer session, an empty subject and wildcard boundary extensions', () => {
    const stack = testStack();
    expect(
      () =>
        new AccessSegment(stack, 'A', {
          segment: Segment.AUTOMATION,
          deploymentName: 'paper',
          trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()] }),
        }),
    ).toThrow(/trust must be SegmentTrust.server\(\)/);
    expect(
      () =>
        new AccessSegment(stack, 'B', {
          segment: Segment.AUTOMATION,
          deploymentName: 'paper',
          trust: SegmentTrust.server({ ec2: true }),
          maxSessionDuration: Duration.hours(2),
        }),
    ).toThrow(/forced to 1 hour, got 2 hours/);
    expect(() => SegmentTrust.server({})).toThrow(/at least one compute/);
    expect(() =>
      SegmentTrust.server({
        rolesAnywhere: { caCertificateBundlePem: CA, certificateSubject: {} },
      }),
    ).toThrow(
      /certificateSubject must name at least one of commonName \(CN\), organization \(O\), organizationalUnit \(OU\)/,
    );
    expect(() => SegmentTrust.server({ ec2: true, ec2MetadataHopLimit: 3 })).toThrow(
      /must be 1 or 2, got 3/,
    );
    expect(
      () =>
        new AccessSegment(stack, 'C', {
          segment: Segment.AUTOMATION,
          deploymentName: 'paper',
          trust: SegmentTrust.server({ ec2: true }),
          boundaryExtensions: [
            new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::b/k'] }),
          ],
        }),
    ).toThrow(/action "s3:\*" has a wildcard/);
    expect(
      () =>
        new AccessSegment(stack, 'D', {
          segment: Segment.AUTOMATION,
          deploymentName: 'paper',
          trust: SegmentTrust.server({ ec2: true }),
          boundaryExtensions: [
            new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }),
          ],
        }),
    ).toThrow(/resource "arn:aws:s3:::b\/\*" has a wildcard/);
  });

  test('an exact boundary extension lands in the boundary', () => {
    const stack = testStack();
    new AccessSegment(stack, 'A', {
      segment: Segment.AUTOMATION,
      deploymentName: 'paper',
      trust: SegmentTrust.server({ ec2: true }),
      boundaryExtensions: [
        new iam.PolicyStatement({
          sid: 'Ext',
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::b/k'],
        }),
      ],
    });
    template(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'Ext', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }),
        ]),
      },
    });
  });
});

describe('AccessSegment: human segments', () => {
  test('trust requires MFA, bounded in age', () => {
    const seg = human(testStack(), Segment.ADMIN, Duration.minutes(15));
    const stmt = roleOf(seg).AssumeRolePolicyDocument.Statement[0];
    expect(stmt.Condition).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '900' },
    });
  });

  test('every named principal gets the MFA conditions', () => {
    const stack = testStack();
    const seg = new AccessSegment(stack, 'Exec', {
      segment: Segment.EXECUTION,
      deploymentName: 'paper',
      trust: SegmentTrust.humans({
        principals: [
          new iam.AccountRootPrincipal(),
          new iam.ArnPrincipal('arn:aws:iam::123456789012:role/Desk'),
        ],
      }),
    });
    const statements = roleOf(seg).AssumeRolePolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    for (const s of statements) expect(s.Condition.Bool['aws:MultiFactorAuthPresent']).toBe('true');
  });

  test('refuses an MFA age beyond 12 hours and server trust', () => {
    expect(() =>
      SegmentTrust.humans({
        principals: [new iam.AccountRootPrincipal()],
        maxMfaAge: Duration.hours(13),
      }),
    ).toThrow(/maxMfaAge must be between 60 seconds and 12 hours, got 13 hours/);
    expect(
      () =>
        new AccessSegment(testStack(), 'X', {
          segment: Segment.ADMIN,
          deploymentName: 'paper',
          trust: SegmentTrust.server({ ec2: true }),
        }),
    ).toThrow(/trust must be SegmentTrust.humans\(\)/);
  });
});

describe('AccessSegment: key and members', () => {
  test('the key rotates and grants decrypt directly only to the segment role', () => {
    const seg = human();
    const t = template(seg.stack);
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const [, key] = resourcesOf(t, 'AWS::KMS::Key')[0];
    const statements = key.Properties.KeyPolicy.Statement;
    const decrypters = statements.filter((s: any) =>
      [].concat(s.Action).includes('kms:Decrypt' as never),
    );
    const direct = decrypters.filter((s: any) => !s.Condition);
    expect(direct).toHaveLength(1);
    expect(JSON.stringify(direct[0].Principal)).toContain('HumanRole');
    const viaService = decrypters.find((s: any) => s.Sid === 'WriteSecretsThroughSecretsManager');
    expect(viaService.Condition.StringEquals['kms:ViaService']).toEqual({
      'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
    });
    const admin = statements.find((s: any) => s.Sid === 'KeyAdministrationWithoutDecrypt');
    expect(admin.Action).not.toContain('kms:Decrypt');
    expect(admin.Action).not.toContain('kms:CreateGrant');
  });

  test('addMember adds the member to the key policy and tags its role as a function', () => {
    const stack = testStack();
    const seg = human(stack);
    const fnRole = new iam.Role(stack, 'FnRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    seg.addMember(fnRole, 'rotates the segment secrets');
    const t = template(stack);
    const [, key] = resourcesOf(t, 'AWS::KMS::Key')[0];
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('FnRole');
    t.hasResourceProperties('AWS::IAM::Role', {
      Tags: Match.arrayWith([
        { Key: 'brokerguard:role-kind', Value: 'function' },
        { Key: 'brokerguard:segment', Value: 'execution' },
      ]),
    });
    expect(seg.isMember(fnRole)).toBe(true);
  });

  test('a principal belongs to one segment only, and membership needs a reason', () => {
    const stack = testStack();
    const a = human(stack, Segment.EXECUTION);
    const b = new AccessSegment(stack, 'Other', {
      segment: Segment.ADMIN,
      deploymentName: 'paper',
      trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()] }),
    });
    const fnRole = new iam.Role(stack, 'FnRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    expect(() => a.addMember(fnRole, ' ')).toThrow(/needs a reason/);
    a.addMember(fnRole, 'rotation');
    expect(() => b.addMember(fnRole, 'rotation')).toThrow(/already a member of segment execution/);
  });

  test('everything the segment makes carries the segment tag', () => {
    const seg = automation();
    const t = template(seg.stack);
    for (const type of ['AWS::IAM::Role', 'AWS::KMS::Key', 'AWS::EC2::LaunchTemplate']) {
      for (const [, r] of resourcesOf(t, type)) {
        const tags =
          r.Properties.Tags ?? r.Properties.LaunchTemplateData?.TagSpecifications?.[0]?.Tags;
        expect(tags).toEqual(
          expect.arrayContaining([{ Key: 'brokerguard:segment', Value: 'automation' }]),
        );
      }
    }
  });

  test('createLogGroup: named under the segment, encrypted with its key, bounded retention', () => {
    const seg = human();
    seg.createLogGroup('Audit', { purpose: 'audit' });
    const t = template(seg.stack);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/brokerguard/paper/execution/audit',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('HumanKey'), 'Arn'] },
    });
    const [, key] = resourcesOf(t, 'AWS::KMS::Key')[0];
    const logs = key.Properties.KeyPolicy.Statement.find(
      (s: any) => s.Sid === 'LogsForSegmentLogGroups',
    );
    expect(JSON.stringify(logs.Condition)).toContain('log-group:/brokerguard/paper/execution/*');
    expect(() => seg.createLogGroup('Bad', { purpose: 'Bad Name' })).toThrow(/got "Bad Name"/);
  });
});
