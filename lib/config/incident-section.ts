import { z } from 'zod';

export const incidentSchema = z
  .strictObject({
    autoContainment: z.boolean().default(false).meta({
      description:
        'start suspected-exposure automatically when a segment secret is read from outside its segment',
    }),
    automationInitiallyEnabled: z.boolean().default(false).meta({
      description:
        'automation switch value at the first deploy; off by default: resume with `brokerguard automation resume --confirm`',
    }),
    ecsService: z
      .strictObject({
        clusterName: z
          .string()
          .min(1)
          .meta({ description: 'the ECS cluster of the trading server' }),
        serviceName: z
          .string()
          .min(1)
          .meta({ description: 'the ECS service of the trading server' }),
      })
      .optional()
      .meta({ description: 'an ECS service the playbook and the lock-out guard scale to zero' }),
    ec2InstanceId: z
      .string()
      .regex(/^i-[0-9a-f]{8,17}$/, { message: 'must be an EC2 instance id (i-0123456789abcdef0)' })
      .optional()
      .meta({
        description: 'an EC2 instance the playbook and the lock-out guard stop (never terminate)',
      }),
  })
  .meta({ description: 'incident playbooks, the automation switch and the lock-out guard' });

export type IncidentConfig = z.infer<typeof incidentSchema>;
