import { configPolicies } from '../../../lib/policy/guard/config-policies';
import { runCfnGuardOnEach } from '../../helpers/cfn-guard';

/** Configuration items as AWS Config records them (the fields a Guard policy rule reads). */
const securityGroup = (ipPermissions: unknown[]) => ({
  resourceType: 'AWS::EC2::SecurityGroup',
  resourceId: 'sg-0123',
  configuration: { groupId: 'sg-0123', ipPermissions },
  tags: {},
});
const secret = (tags: Record<string, string>) => ({
  resourceType: 'AWS::SecretsManager::Secret',
  resourceId: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:paper/automation/x',
  configuration: { Name: 'paper/automation/x', RotationEnabled: true },
  tags,
});
const open = (from: number, to: number, protocol = 'tcp') => ({
  ipProtocol: protocol,
  fromPort: from,
  toPort: to,
  ipRanges: ['0.0.0.0/0'],
  ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }],
  ipv6Ranges: [],
});

describe('Config custom policies generated from the twins', () => {
  const policies = Object.fromEntries(configPolicies().map((p) => [p.ruleId, p]));

  test('exist for the gateway ports and the secret tags', () => {
    expect(Object.keys(policies).sort()).toEqual(['BG-NET-1', 'BG-SEG-4']);
    expect(policies['BG-NET-1'].resourceTypes).toEqual(['AWS::EC2::SecurityGroup']);
  });

  test('BG-NET-1 judges recorded security groups with a real cfn-guard', () => {
    const r = runCfnGuardOnEach(policies['BG-NET-1'].text, {
      private: securityGroup([
        { ...open(4001, 4001), ipRanges: [], ipv4Ranges: [{ cidrIp: '10.0.0.0/16' }] },
      ]),
      https: securityGroup([open(443, 443)]),
      gateway: securityGroup([open(4000, 4010)]),
      everything: securityGroup([{ ...open(-1, -1, '-1') }]),
      ipv6: securityGroup([
        { ...open(7496, 7497), ipRanges: [], ipv4Ranges: [], ipv6Ranges: [{ cidrIpv6: '::/0' }] },
      ]),
      other: { resourceType: 'AWS::S3::Bucket', configuration: {}, tags: {} },
    });
    expect(r.private.status).not.toBe('FAIL');
    expect(r.https.status).not.toBe('FAIL');
    expect(r.other.status).toBe('SKIP');
    for (const bad of ['gateway', 'everything', 'ipv6']) {
      expect([bad, r[bad].failed]).toEqual([bad, ['BG_NET_1_GatewayPortsNotPublic']]);
    }
  });

  test('BG-SEG-4 judges recorded secret tags with a real cfn-guard', () => {
    const r = runCfnGuardOnEach(policies['BG-SEG-4'].text, {
      tagged: secret({
        'brokerguard:segment': 'automation',
        'brokerguard:credential-class': 'session-token',
      }),
      unknownSegment: secret({
        'brokerguard:segment': 'trading',
        'brokerguard:credential-class': 'session-token',
      }),
      untagged: secret({}),
    });
    expect(r.tagged.status).toBe('PASS');
    expect(r.unknownSegment.failed).toEqual(['BG_SEG_4_SecretSegmentTags']);
    expect(r.untagged.failed).toEqual(['BG_SEG_4_SecretSegmentTags']);
  });
});
