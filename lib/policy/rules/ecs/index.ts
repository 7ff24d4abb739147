import GatewayExecDisabled from './GatewayExecDisabled';
import GatewayRootFilesystemReadOnly from './GatewayRootFilesystemReadOnly';
import GatewayTaskRoleInSegment from './GatewayTaskRoleInSegment';

/** Containers: a gateway task runs as the automation role, read-only, without ECS Exec. */
export const ECS_RULES = [
  GatewayTaskRoleInSegment,
  GatewayRootFilesystemReadOnly,
  GatewayExecDisabled,
];
