import { GATEWAY_PORTS } from '../../contracts';
import { asList } from './intrinsics';
import { ModelResource, TemplateModel } from './template-model';

/** Images that run a broker gateway: IB Gateway / TWS (IBC), IBeam, the Client Portal Gateway. */
export const GATEWAY_IMAGE = /ib-?gateway|ibeam|clientportal|(?:^|[/_-])(?:ibc|tws)(?:[:@/_-]|$)/i;

/** The container definitions of an ECS task definition. */
export function containersOf(td: ModelResource): Record<string, unknown>[] {
  return (asList(td.properties.ContainerDefinitions) as Record<string, unknown>[]).filter(
    (c) => c && typeof c === 'object',
  );
}

function exposesGatewayPort(container: Record<string, unknown>): boolean {
  return (asList(container.PortMappings) as Record<string, unknown>[]).some((m) =>
    [m?.ContainerPort, m?.HostPort].some((p) =>
      (GATEWAY_PORTS as readonly number[]).includes(Number(p)),
    ),
  );
}

/**
 * A task definition that runs a broker gateway: tagged with a segment, or with a container that
 * maps a gateway API port or runs a known gateway image.
 */
export function isGatewayTaskDefinition(model: TemplateModel, td: ModelResource): boolean {
  if (td.type !== 'AWS::ECS::TaskDefinition') return false;
  if (td.segment) return true;
  return containersOf(td).some(
    (c) => exposesGatewayPort(c) || GATEWAY_IMAGE.test(model.flatten(c.Image) ?? ''),
  );
}

/** The gateway task definition an ECS service runs, when it is one in this template. */
export function gatewayTaskOfService(
  model: TemplateModel,
  service: ModelResource,
): ModelResource | undefined {
  const td = model.target(service.properties.TaskDefinition);
  return td && isGatewayTaskDefinition(model, td) ? td : undefined;
}
