import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AutomationSwitch,
  automationSwitchParameterName,
} from '../../lib/runtime/automation-switch';

process.env.AWS_REGION = 'us-east-1';
const ssm = mockClient(SSMClient);
beforeEach(() => ssm.reset());
const client = () => new SSMClient({ region: 'us-east-1' });
const param = (Value: string) => ({
  Parameter: { Name: '/brokerguard/paper/automation/enabled', Value },
});

describe('AutomationSwitch', () => {
  test('reads the deployment switch parameter named by the contract', async () => {
    ssm.on(GetParameterCommand).resolves(param('true'));
    const sw = new AutomationSwitch({ deploymentName: 'paper', client: client() });
    expect(await sw.isEnabled()).toBe(true);
    expect(ssm.commandCalls(GetParameterCommand)[0].args[0].input).toEqual({
      Name: '/brokerguard/paper/automation/enabled',
    });
    expect(automationSwitchParameterName('live')).toBe('/brokerguard/live/automation/enabled');
  });

  test.each(['false', 'TRUE', '', 'yes'])(
    'anything but exactly "true" is paused (%j)',
    async (value) => {
      ssm.on(GetParameterCommand).resolves(param(value));
      const sw = new AutomationSwitch({ deploymentName: 'paper', client: client() });
      await expect(sw.assertEnabled()).rejects.toThrow(
        /automation is paused .* automation resume --confirm/,
      );
    },
  );

  test('an unreadable switch fails closed and is read again next time', async () => {
    ssm.on(GetParameterCommand).rejectsOnce(new Error('network down')).resolves(param('true'));
    const sw = new AutomationSwitch({ deploymentName: 'paper', client: client() });
    expect(await sw.state()).toMatchObject({
      enabled: false,
      source: 'error',
      reason: expect.stringMatching(/network down/),
    });
    expect(await sw.isEnabled()).toBe(true);
  });

  test('onError throw leaves the decision to the caller', async () => {
    ssm.on(GetParameterCommand).rejects(new Error('network down'));
    const sw = new AutomationSwitch({
      deploymentName: 'paper',
      client: client(),
      onError: 'throw',
    });
    await expect(sw.isEnabled()).rejects.toThrow(
      /cannot read \/brokerguard\/paper\/automation\/enabled/,
    );
  });

  test('reuses an answer within the cache window, and reads again after it', async () => {
    let t = 0;
    ssm.on(GetParameterCommand).resolvesOnce(param('true')).resolves(param('false'));
    const sw = new AutomationSwitch({
      deploymentName: 'paper',
      client: client(),
      cacheMilliseconds: 1000,
      clock: () => t,
    });
    expect(await sw.isEnabled()).toBe(true);
    t = 999;
    expect(await sw.isEnabled()).toBe(true);
    t = 1000;
    expect(await sw.isEnabled()).toBe(false);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test('refuses a deployment name that cannot be one', () => {
    expect(() => new AutomationSwitch({ deploymentName: 'Paper Account' })).toThrow(
      /deploymentName: got "Paper Account"/,
    );
  });

  test('refuses a cache so long that a pause would not take effect', () => {
    expect(
      () => new AutomationSwitch({ deploymentName: 'paper', cacheMilliseconds: 3_600_000 }),
    ).toThrow(/cacheMilliseconds: got 3600000; allowed: 0 to 300000/);
  });
});
