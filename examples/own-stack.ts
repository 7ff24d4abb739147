import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import {
  AccessSegment,
  AlertChannel,
  BrokerGuardChecks,
  IbkrSessionToken,
  LoginMonitoring,
  Segment,
  SegmentTrust,
} from 'brokerguard';

/**
 * A trading stack of your own: the server's segment with an IBKR session token that rotates
 * every 8 hours, the phone's segment with the alert channel, and login monitoring of both —
 * all from typed props, checked by AwsSolutions and BrokerGuardChecks at synth.
 */
export class MyTradingStack extends Stack {
  public readonly server: AccessSegment;
  public readonly session: IbkrSessionToken;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const deploymentName = 'mybot';

    // The trading server runs as an ECS task: its task role is `server.role`.
    this.server = new AccessSegment(this, 'Server', {
      segment: Segment.AUTOMATION,
      deploymentName,
      trust: SegmentTrust.server({ ecs: true }),
    });
    // The phone: people with MFA own the alert channel, never the server.
    const phone = new AccessSegment(this, 'Phone', {
      segment: Segment.APPROVALS,
      deploymentName,
      trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()] }),
    });
    const alerts = new AlertChannel(this, 'Alerts', {
      segment: phone,
      subscriptions: { email: ['trader@example.com'] },
    });

    // The server reads only the 24-hour live session token; the function that mints it alone
    // holds the OAuth keys. Its age and rotation-overdue alarms report to the channel.
    this.session = new IbkrSessionToken(this, 'IbkrSession', {
      segment: this.server,
      automaticallyAfter: Duration.hours(8),
      alerts,
    });
    this.session.grantRead();

    // Login-anomaly alarms for the server's segment, detections of foreign reads of its
    // secrets, and a dashboard: what BrokerGuardChecks BG-MON-1 asks of a segment with secrets.
    new LoginMonitoring(this, 'Monitoring', {
      alerts,
      credentials: [this.session],
      thresholds: { failedLoginBurst: 2 },
    });
  }
}

if (require.main === module) {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));
  new MyTradingStack(app, 'MyTradingBot');
  app.synth();
}
