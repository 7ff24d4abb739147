import { Duration } from 'aws-cdk-lib';
import { CredentialClass } from '../../lib/contracts';
import { ManualCredential } from '../../lib/credentials/manual-credential';
import { GatewayHost, GatewayHostProps } from '../../lib/gateway/gateway-host';
import { TradingMode } from '../../lib/contracts/names';
import { alertsOf, segmentsStack } from '../credentials/credential-fixtures';

/**
 * A stack with the automation and admin segments, an alert channel, the gateway login (a
 * manual password credential) and the automation login log group: what a GatewayHost needs.
 */
export function gatewayStack() {
  const { stack, automation, admin } = segmentsStack();
  const alerts = alertsOf(admin);
  const login = new ManualCredential(stack, 'Login', {
    segment: automation,
    name: 'ibkr-login',
    credentialClass: CredentialClass.PASSWORD,
    maxAge: Duration.days(90),
    alerts,
  });
  const logGroup = automation.createLogGroup('LoginLog', { purpose: 'login' });
  const host = (props: Partial<GatewayHostProps> = {}) =>
    new GatewayHost(stack, 'Gateway', {
      segment: automation,
      loginSecret: login.secret,
      logGroup,
      tradingMode: TradingMode.PAPER,
      alerts,
      ...props,
    });
  return { stack, automation, admin, alerts, login, logGroup, host };
}
