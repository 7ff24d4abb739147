import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AccessSegment, BrokerGuardChecks, Segment, SegmentTrust } from 'brokerguard';

/** Your own trading stack, built on brokerguard's segments and checked by its policy pack. */
export function buildOwnApp(app: App = new App()): Stack {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));
  const stack = new Stack(app, 'MyTradingBot');

  // The bot runs as an ECS task: give its task definition `server.role` as the task role.
  const server = new AccessSegment(stack, 'Server', {
    segment: Segment.AUTOMATION,
    deploymentName: 'mybot',
    trust: SegmentTrust.server({ ecs: true }),
  });
  // The desk: people with MFA, never the bot.
  new AccessSegment(stack, 'Desk', {
    segment: Segment.EXECUTION,
    deploymentName: 'mybot',
    trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()] }),
  });
  void server;
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildOwnApp(app);
  app.synth();
}
