import { z } from 'zod';
import { alertsSchema } from './alerts-section';
import { credentialsSchema } from './credentials-section';
import { gatewaySchema } from './gateway-section';
import { incidentSchema } from './incident-section';
import { monitoringSchema } from './monitoring-section';
import { segmentsSchema } from './segments-section';
import { DEPLOYMENT_NAME_PATTERN, DEPLOYMENT_NAME_RULE, TRADING_MODES } from '../contracts/names';

/**
 * The whole deployment configuration. Each section lives in its own file; this schema is
 * the single source of truth for validation and for the README's config reference.
 */
export const configSchema = z
  .strictObject({
    deployment: z
      .strictObject({
        name: z
          .string()
          .regex(DEPLOYMENT_NAME_PATTERN, { message: `must be ${DEPLOYMENT_NAME_RULE}` })
          .default('paper')
          .meta({
            description: 'names the stack and prefixes every secret, log group and parameter',
          }),
        broker: z
          .literal('ibkr')
          .default('ibkr')
          .meta({ description: 'the broker (IBKR only, for now)' }),
        tradingMode: z
          .enum(TRADING_MODES)
          .default('paper')
          .meta({ description: 'paper or live account; recorded as a tag' }),
      })
      .prefault({})
      .meta({ description: 'what this deployment is' }),
    segments: segmentsSchema.prefault({}),
    credentials: credentialsSchema,
    alerts: alertsSchema,
    monitoring: monitoringSchema.prefault({}),
    incident: incidentSchema.prefault({}),
    gateway: gatewaySchema.prefault({}),
  })
  .superRefine((c, ctx) => {
    if (!c.gateway.enabled) return;
    if (c.incident.ecsService) {
      ctx.addIssue({
        code: 'custom',
        path: ['incident', 'ecsService'],
        input: c.incident.ecsService,
        message:
          'names a second ECS service while gateway.enabled is true: the playbook and the lock-out guard stop one ECS service, the gateway host. Remove incident.ecsService, or set gateway.enabled to false',
      });
    }
    const i = c.credentials.findIndex((x) => x.name === c.gateway.loginCredential);
    const login = c.credentials[i];
    if (
      login &&
      (login.segment !== 'automation' ||
        login.class !== 'password' ||
        login.rotation.type !== 'manual')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['credentials', i],
        input: { segment: login.segment, class: login.class, rotation: login.rotation.type },
        message: `is the gateway's login credential (gateway.loginCredential): it must be segment "automation", class "password", rotation type "manual"`,
      });
    }
  })
  .meta({ description: 'brokerguard configuration' });

/** The configuration as written by a user (defaults may be left out). */
export type BrokerGuardConfigInput = z.input<typeof configSchema>;
/** The configuration after validation, with every default filled in. */
export type BrokerGuardConfig = z.output<typeof configSchema>;
