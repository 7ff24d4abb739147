import { judge } from '../../judge';
import { world } from '../../world';
import { gatewayWorld, webTask } from '../ecs/gateway-world';

const RULE = 'BG-SEC-3';

describe('BG-SEC-3 NoPlaintextSecretInTaskDefinition', () => {
  test('Compliance: the login as ECS secrets, a password file path and plain settings', () => {
    const w = { ...world(), ...gatewayWorld(), Web: webTask() };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: the IBC password and user id written into the gateway container', () => {
    const w = { ...world(), ...gatewayWorld() };
    w.GatewayTask.Properties.ContainerDefinitions[0].Environment.push(
      { Name: 'TWS_PASSWORD', Value: 'hunter2' },
      { Name: 'VNC_SERVER_PASSWORD', Value: 'vnc-pass' },
    );
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Variable::TWS_PASSWORD] GatewayTask`,
      `${RULE}[Variable::VNC_SERVER_PASSWORD] GatewayTask`,
    ]);
  });

  test('Noncompliance: any task definition, gateway or not, tagged or not', () => {
    const w = { ...world(), Web: webTask() };
    w.Web.Properties.ContainerDefinitions[0].Environment = [
      { Name: 'API_TOKEN', Value: 'tok-1234567890' },
      { Name: 'DB_PASSWORD', Value: '{{resolve:secretsmanager:db:SecretString:password}}' },
    ];
    expect(judge(w, RULE)).toEqual([`${RULE}[Variable::API_TOKEN] Web`]);
  });
});
