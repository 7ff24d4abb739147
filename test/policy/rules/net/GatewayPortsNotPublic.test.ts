import { judge } from '../../judge';
import { ref, world } from '../../world';

const RULE = 'BG-NET-1';

describe('BG-NET-1 GatewayPortsNotPublic', () => {
  test('Compliance: the paper API port from a private range, HTTPS from anywhere', () => {
    const w = world();
    w.ServerSecurityGroup.Properties.SecurityGroupIngress.push({
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIp: '0.0.0.0/0',
    });
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: IB Gateway paper port open to IPv4', () => {
    const w = world();
    w.ServerSecurityGroup.Properties.SecurityGroupIngress[0].CidrIp = '0.0.0.0/0';
    expect(judge(w, RULE)).toEqual([`${RULE}[Port::7497] ServerSecurityGroup`]);
  });

  test('Noncompliance: the relay port of the common IB Gateway image (4004) open to IPv4', () => {
    const w = world();
    w.ServerSecurityGroup.Properties.SecurityGroupIngress.push({
      IpProtocol: 'tcp',
      FromPort: 4004,
      ToPort: 4004,
      CidrIp: '0.0.0.0/0',
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[Port::4004] ServerSecurityGroup`]);
  });

  test('Noncompliance: a port range covering 4001-5000 open to IPv6, as a separate ingress', () => {
    const w = world();
    w.Ingress = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: ref('ServerSecurityGroup'),
        IpProtocol: 'tcp',
        FromPort: 4000,
        ToPort: 5000,
        CidrIpv6: '::/0',
      },
    };
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Port::4001] Ingress`,
      `${RULE}[Port::4002] Ingress`,
      `${RULE}[Port::4003] Ingress`,
      `${RULE}[Port::4004] Ingress`,
      `${RULE}[Port::5000] Ingress`,
    ]);
  });

  test('Noncompliance: all traffic open', () => {
    const w = world();
    w.ServerSecurityGroup.Properties.SecurityGroupIngress = [
      { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
    ];
    expect(judge(w, RULE)).toEqual(
      [4001, 4002, 4003, 4004, 5000, 7496, 7497, 7498, 7499].map(
        (p) => `${RULE}[Port::${p}] ServerSecurityGroup`,
      ),
    );
  });
});
