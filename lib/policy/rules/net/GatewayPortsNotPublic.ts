import { NagMessageLevel } from 'cdk-nag';
import { GATEWAY_PORTS } from '../../../contracts';
import { asList } from '../../model/intrinsics';
import { defineRule, findings } from '../../rule';

function publicPorts(rule: Record<string, unknown>): number[] {
  const open = rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
  if (!open) return [];
  const protocol = String(rule.IpProtocol ?? '').toLowerCase();
  if (['-1', 'all'].includes(protocol)) return [...GATEWAY_PORTS];
  if (!['tcp', '6'].includes(protocol)) return [];
  const from = Number(rule.FromPort ?? -1);
  const to = Number(rule.ToPort ?? -1);
  if (from === -1 || to === -1) return [...GATEWAY_PORTS];
  return GATEWAY_PORTS.filter((p) => p >= from && p <= to);
}

/** The TWS / IB Gateway / Client Portal API ports never face the internet. */
export default defineRule({
  id: 'BG-NET-1',
  name: 'GatewayPortsNotPublic',
  level: NagMessageLevel.ERROR,
  info: `A security group opens a gateway/API port (${GATEWAY_PORTS.join(', ')}) to 0.0.0.0/0 or ::/0.`,
  explanation:
    'The gateway API takes orders from whoever connects: an open port is a trading terminal on the internet, guarded only by its trusted-IP list.',
  fix: "Allow the port only from the trading server's security group or a private CIDR; reach it remotely through SSM port forwarding or a VPN.",
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  evaluate(sg) {
    const rules =
      sg.type === 'AWS::EC2::SecurityGroup'
        ? (asList(sg.properties.SecurityGroupIngress) as Record<string, unknown>[])
        : [sg.properties];
    return findings(
      rules
        .flatMap((r) => publicPorts(r ?? {}))
        .sort()
        .map((p) => `Port::${p}`),
    );
  },
});
