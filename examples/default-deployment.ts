import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerGuardChecks, BrokerGuardStack, parseConfig } from 'brokerguard';

/**
 * The kit's default deployment, built from code instead of `npx cdk synth` in a clone: the
 * four access segments, the IBKR session credential rotated every 12 hours, the manual login
 * credential with its age alarm, login monitoring with e-mail alerts, and incident response,
 * checked by AwsSolutions and BrokerGuardChecks at synth.
 */
export function buildDefaultDeployment(app: App = new App()): BrokerGuardStack {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));

  // The same configuration as cdk.json's default; parseConfig checks it before anything is
  // built and names the field, the value and what is allowed when it is wrong.
  const config = parseConfig(
    {
      deployment: { name: 'paper', broker: 'ibkr', tradingMode: 'paper' },
      segments: {
        automation: { compute: ['ec2'] },
        execution: { trustedPrincipals: ['account-root'], maxMfaAgeSeconds: 3600 },
        approvals: { trustedPrincipals: ['account-root'], maxMfaAgeSeconds: 3600 },
        admin: { trustedPrincipals: ['account-root'], maxMfaAgeSeconds: 900 },
      },
      credentials: [
        {
          name: 'ibkr-session',
          segment: 'automation',
          class: 'session-token',
          description: 'IBKR live session token (24 h), minted from the OAuth keys',
          rotation: { type: 'ibkr-oauth', everyHours: 12 },
        },
        {
          name: 'ibkr-login',
          segment: 'automation',
          class: 'password',
          description: 'IBKR username and password for IB Gateway / IBeam logins',
          rotation: { type: 'manual', maxAgeDays: 90 },
        },
      ],
      alerts: { email: ['trader@example.com'] },
    },
    'examples/default-deployment.ts',
  );

  return new BrokerGuardStack(app, `brokerguard-${config.deployment.name}`, { config });
}

if (require.main === module) {
  const app = new App();
  buildDefaultDeployment(app);
  app.synth();
}
