import { judge } from '../../judge';
import { ref, world } from '../../world';
import { gatewayWorld, webTask } from './gateway-world';

const RULE = 'BG-ECS-3';

describe('BG-ECS-3 GatewayExecDisabled', () => {
  test('Compliance: ECS Exec off on the gateway service; on for a web service', () => {
    const w = {
      ...world(),
      ...gatewayWorld(),
      Web: webTask(),
      WebService: {
        Type: 'AWS::ECS::Service',
        Properties: { TaskDefinition: ref('Web'), EnableExecuteCommand: true },
      },
    };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: ECS Exec on for the gateway service', () => {
    const w = { ...world(), ...gatewayWorld() };
    w.GatewayService.Properties.EnableExecuteCommand = true;
    expect(judge(w, RULE)).toEqual([`${RULE} GatewayService`]);
  });

  test('Noncompliance: ECS Exec on for a service tagged with a segment, whatever it runs', () => {
    const w = {
      ...world(),
      Web: webTask(),
      WebService: {
        Type: 'AWS::ECS::Service',
        Properties: {
          TaskDefinition: ref('Web'),
          EnableExecuteCommand: 'true',
          Tags: [{ Key: 'brokerguard:segment', Value: 'automation' }],
        },
      },
    };
    expect(judge(w, RULE)).toEqual([`${RULE} WebService`]);
  });
});
