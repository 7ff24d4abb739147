import { judge } from '../../judge';
import { world } from '../../world';
import { gatewayWorld, webTask } from './gateway-world';

const RULE = 'BG-ECS-2';

describe('BG-ECS-2 GatewayRootFilesystemReadOnly', () => {
  test('Compliance: the gateway container is read-only; a writable web task is not judged', () => {
    const w = { ...world(), ...gatewayWorld(), Web: webTask() };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: the gateway container leaves ReadonlyRootFilesystem unset', () => {
    const w = { ...world(), ...gatewayWorld() };
    delete w.GatewayTask.Properties.ContainerDefinitions[0].ReadonlyRootFilesystem;
    expect(judge(w, RULE)).toEqual([`${RULE}[Container::gateway] GatewayTask`]);
  });

  test('Noncompliance: a sidecar in the gateway task is writable', () => {
    const w = { ...world(), ...gatewayWorld() };
    w.GatewayTask.Properties.ContainerDefinitions.push({
      Name: 'strategy',
      Image: 'example.com/strategy:2.1',
      ReadonlyRootFilesystem: false,
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[Container::strategy] GatewayTask`]);
  });
});
