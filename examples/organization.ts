import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  BrokerGuardChecks,
  BrokerGuardConfigRules,
  BrokerGuardHook,
  BrokerGuardStage,
  OrganizationGuardrails,
} from 'brokerguard';

/** Example accounts: replace with yours (docs/multi-account.md). */
export const ACCOUNTS = {
  management: '999999999999',
  paper: '111111111111',
  live: '222222222222',
};
export const REGION = 'us-east-1';
/** The OU that holds the trading accounts; first attach to a test OU (rollout order). */
export const TRADING_OU = 'ou-ab12-cd34ef56';
export const ORGANIZATION_ID = 'o-abcdefghij';

export interface OrganizationApp {
  readonly paper: BrokerGuardStage;
  readonly live: BrokerGuardStage;
  readonly management: Stack;
  readonly guardrails: OrganizationGuardrails;
}

/**
 * Paper and live trading in two accounts, each a BrokerGuardStage, and the guardrails that
 * hold in both whoever deploys there: service control policies (and a resource control
 * policy) from the management account. The policy packs check every stage at synth.
 */
export function buildOrganization(app: App = new App()): OrganizationApp {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));

  const deployment = (name: string, tradingMode: 'paper' | 'live') => ({
    deployment: { name, broker: 'ibkr', tradingMode },
    segments: { automation: { compute: ['ecs'] } },
    credentials: [
      {
        name: 'ibkr-session',
        segment: 'automation',
        class: 'session-token',
        rotation: { type: 'ibkr-oauth', everyHours: 12 },
      },
    ],
    alerts: { email: ['trader@example.com'] },
  });
  const paper = new BrokerGuardStage(app, 'Paper', {
    env: { account: ACCOUNTS.paper, region: REGION },
    config: deployment('paper', 'paper'),
  });
  const live = new BrokerGuardStage(app, 'Live', {
    env: { account: ACCOUNTS.live, region: REGION },
    config: deployment('live', 'live'),
  });

  // Organizations is global: its resources are deployed in us-east-1 of the management account.
  const management = new Stack(app, 'BrokerGuardOrganization', {
    env: { account: ACCOUNTS.management, region: 'us-east-1' },
    description: 'brokerguard organization guardrails (management account)',
  });
  const guardrails = new OrganizationGuardrails(management, 'Guardrails', {
    targetIds: [TRADING_OU],
    deploymentNames: [paper.deploymentName, live.deploymentName],
    resourcePerimeter: { organizationId: ORGANIZATION_ID },
  });

  // In each trading account, the pack's two twins (docs/runtime-checks.md): AWS Config rules
  // that judge what is deployed, alerting on the deployment's own channel, and a Guard hook
  // that judges every stack deployed there, with or without the kit (WARN until the rollout
  // says FAIL). The Config rules need the account's configuration recorder (Control Tower
  // and most landing zones have one; otherwise `createRecorder: true`).
  for (const stage of [paper, live]) {
    new BrokerGuardConfigRules(stage.stack, 'RuntimeChecks', { alerts: stage.stack.alerts });
    new BrokerGuardHook(stage.stack, 'DeployChecks');
  }

  return { paper, live, management, guardrails };
}

if (require.main === module) {
  const app = new App();
  buildOrganization(app);
  app.synth();
}
