import { z } from 'zod';
import { FARGATE_TASK_SIZES, GATEWAY_MAX_TASK_STOPS_PER_HOUR_DEFAULT } from '../contracts/limits';
import { CREDENTIAL_NAME_PATTERN, CREDENTIAL_NAME_RULE } from '../contracts/names';
import {
  DEFAULT_GATEWAY_IMAGES,
  GATEWAY_IMAGE_KINDS,
  GATEWAY_NETWORKS,
  GATEWAY_SETTING_NAME,
  isPinnedImage,
  STRATEGY_ACCESS_MODES,
} from '../contracts/gateway';

const CPU_VALUES = Object.keys(FARGATE_TASK_SIZES).map(Number);

/**
 * The `gateway` section: the isolated host that runs IB Gateway (through IBC) or IBeam for the
 * automation segment, paused until an admin resumes it.
 */
export const gatewaySchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({
      description:
        'build the gateway host (an ECS service at 0 tasks until `brokerguard automation resume`); its task role is the automation role, which then also trusts ecs-tasks',
    }),
    image: z
      .strictObject({
        kind: z
          .enum(GATEWAY_IMAGE_KINDS)
          .default('ibc')
          .meta({
            description: `ibc: IB Gateway driven by IBC (default ${DEFAULT_GATEWAY_IMAGES.ibc}); ibeam: the Client Portal Gateway driven by IBeam (default ${DEFAULT_GATEWAY_IMAGES.ibeam}); custom: your own image`,
          }),
        reference: z
          .string()
          .refine(isPinnedImage, {
            message:
              'must be pinned: `registry/name:tag` (not `latest`) or `registry/name@sha256:<64 hex>`',
          })
          .optional()
          .meta({
            description:
              'the image, pinned by tag or digest; required for custom, else the kind default',
          }),
        apiPort: z.int().min(1).max(65535).optional().meta({
          description:
            'custom only: the port the strategy connects to (ibc and ibeam know their own)',
        }),
      })
      .prefault({})
      .superRefine((img, ctx) => {
        if (img.kind === 'custom' && !img.reference) {
          ctx.addIssue({
            code: 'custom',
            path: ['reference'],
            input: img.reference,
            message: 'is required when kind is "custom"',
          });
        }
        if (img.kind === 'custom' && img.apiPort === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['apiPort'],
            input: img.apiPort,
            message: 'is required when kind is "custom"',
          });
        }
        if (img.kind !== 'custom' && img.apiPort !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['apiPort'],
            input: img.apiPort,
            message: `is only for kind "custom"; ${img.kind} listens on its own ports`,
          });
        }
      })
      .meta({ description: 'what the host runs' }),
    loginCredential: z
      .string()
      .regex(CREDENTIAL_NAME_PATTERN, { message: `must be ${CREDENTIAL_NAME_RULE}` })
      .default('ibkr-login')
      .meta({
        description:
          'the automation-segment password credential the host logs in with (JSON keys username, password); created as a manual credential when the credentials list lacks it',
      }),
    cpu: z
      .int()
      .refine((v) => CPU_VALUES.includes(v), {
        message: `must be a Fargate CPU size: ${CPU_VALUES.join(', ')}`,
      })
      .default(1024)
      .meta({ description: 'task CPU units (1024 = 1 vCPU)' }),
    memoryMiB: z.int().default(2048).meta({
      description: 'task memory in MiB; must be a size Fargate allows for the cpu',
    }),
    network: z.enum(GATEWAY_NETWORKS).default('public-subnets').meta({
      description:
        'egress: public-subnets (public IP, no ingress, no NAT; cheapest), private-nat (a NAT gateway), private-endpoints (VPC endpoints for AWS only: IBKR is unreachable without your own egress)',
    }),
    strategyAccess: z.enum(STRATEGY_ACCESS_MODES).default('security-group').meta({
      description:
        'security-group: the strategy joins the exported strategy security group and reaches the API port; sidecar: your strategy container runs in the same task and uses localhost',
    }),
    readOnlyRootFilesystem: z.boolean().optional().meta({
      description:
        'default: true for custom images; false for ibc and ibeam, whose images write their config and browser profile at start (the finding is acknowledged with that reason)',
    }),
    maxTaskStopsPerHour: z
      .int()
      .min(1)
      .max(20)
      .default(GATEWAY_MAX_TASK_STOPS_PER_HOUR_DEFAULT)
      .meta({
        description:
          'task stops (exits, crashes, failed health checks; not scale-downs) in an hour that raise the restart-loop alarm, which pauses automation through the lock-out guard',
      }),
    settings: z
      .record(z.string(), z.string().max(1024))
      .default({})
      .superRefine((settings, ctx) => {
        for (const name of Object.keys(settings)) {
          if (!GATEWAY_SETTING_NAME.pattern.test(name)) {
            ctx.addIssue({
              code: 'custom',
              path: [name],
              input: name,
              message: GATEWAY_SETTING_NAME.rule,
            });
          }
        }
      })
      .meta({
        description:
          'extra non-secret environment for the container (e.g. TIME_ZONE, AUTO_RESTART_TIME); names like PASSWORD or TOKEN are refused',
      }),
  })
  .superRefine((g, ctx) => {
    const allowed = FARGATE_TASK_SIZES[g.cpu];
    if (allowed && !allowed.includes(g.memoryMiB)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memoryMiB'],
        input: g.memoryMiB,
        message: `Fargate allows ${allowed[0]}-${allowed[allowed.length - 1]} MiB (in the steps of its task-size table) with cpu ${g.cpu}`,
      });
    }
  })
  .meta({ description: 'the isolated gateway host (IB Gateway + IBC, or IBeam) on ECS Fargate' });

export type GatewayConfig = z.infer<typeof gatewaySchema>;
