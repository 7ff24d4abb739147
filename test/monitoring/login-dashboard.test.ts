import { CREDENTIALS, monitoringStack } from './monitoring-fixture';
import { resourcesOf } from '../helpers/stack';

describe('LoginDashboard', () => {
  test('one dashboard: login events per category, alarm states, credential age', () => {
    // GIVEN / WHEN
    const t = monitoringStack({
      credentials: CREDENTIALS,
      monitoring: { dashboard: true },
    }).template();
    // THEN
    const [[, dash]] = resourcesOf(t, 'AWS::CloudWatch::Dashboard');
    expect(dash.Properties.DashboardName).toBe('brokerguard-paper');
    const body = JSON.parse(
      (dash.Properties.DashboardBody['Fn::Join'][1] as any[])
        .map((p) => (typeof p === 'string' ? p : 'X'))
        .join(''),
    );
    const titles = body.widgets.map((w: any) => w.properties.title);
    expect(titles).toEqual([
      'Login events: identity (by segment and event)',
      'Login events: entitlement (by segment and event)',
      'Login events: device_session (by segment and event)',
      'Alarm states',
      'Days since each credential last changed',
    ]);
    expect(JSON.stringify(body.widgets[0].properties.metrics)).toContain(
      `SEARCH('{BrokerGuard/Login,Segment,Event,Category} MetricName=\\"LoginEvents\\" Category=\\"identity\\"', 'Sum', 300)`,
    );
    expect(body.widgets[4].properties.metrics).toEqual([
      [
        'BrokerGuard',
        'CredentialAgeDays',
        'Credential',
        'paper/automation/ibkr-session',
        { stat: 'Maximum', period: 3600 },
      ],
      [
        'BrokerGuard',
        'CredentialAgeDays',
        'Credential',
        'paper/automation/ibkr-login',
        { stat: 'Maximum', period: 3600 },
      ],
    ]);
  });
});
