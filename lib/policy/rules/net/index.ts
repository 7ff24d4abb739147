import GatewayPortsNotPublic from './GatewayPortsNotPublic';

/** Network: gateway and API ports never face the internet. */
export const NET_RULES = [GatewayPortsNotPublic];
