import { judge } from '../../judge';
import { world } from '../../world';
import { gatewayWorld, webTask } from './gateway-world';

const RULE = 'BG-ECS-1';

describe('BG-ECS-1 GatewayTaskRoleInSegment', () => {
  test('Compliance: the gateway runs as the automation role; a web task with no role is not a gateway', () => {
    const w = { ...world(), ...gatewayWorld(), Web: webTask() };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: a gateway task without a task role', () => {
    const w = { ...world(), ...gatewayWorld() };
    delete w.GatewayTask.Properties.TaskRoleArn;
    expect(judge(w, RULE)).toEqual([`${RULE}[TaskRole::None] GatewayTask`]);
  });

  test("Noncompliance: an untagged task, found by its image alone, runs as the phone's role", () => {
    const w = { ...world(), ...gatewayWorld() };
    w.GatewayTask.Properties.Tags = [];
    w.GatewayTask.Properties.ContainerDefinitions[0].PortMappings = [];
    w.GatewayTask.Properties.ContainerDefinitions[0].Image = 'voyz/ibeam:0.5.12';
    w.GatewayTask.Properties.TaskRoleArn = { 'Fn::GetAtt': ['ApprovalsRole', 'Arn'] };
    expect(judge(w, RULE)).toEqual([`${RULE}[TaskRole::ApprovalsRole] GatewayTask`]);
  });

  test('Noncompliance: an untagged task found by its API port runs as a function role of the segment', () => {
    const w = { ...world(), ...gatewayWorld() };
    w.GatewayTask.Properties.Tags = [];
    w.GatewayTask.Properties.ContainerDefinitions[0].Image = 'example.com/my-bridge:1.0';
    w.GatewayTask.Properties.TaskRoleArn = { 'Fn::GetAtt': ['RotationRole', 'Arn'] };
    expect(judge(w, RULE)).toEqual([`${RULE}[TaskRole::RotationRole] GatewayTask`]);
  });

  test('Noncompliance: a gateway task tagged with another segment', () => {
    const w = { ...world(), ...gatewayWorld() };
    w.GatewayTask.Properties.Tags = [{ Key: 'brokerguard:segment', Value: 'execution' }];
    expect(judge(w, RULE)).toEqual([`${RULE}[Segment::execution] GatewayTask`]);
  });
});
