import { z } from 'zod';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// An IAM action with no wildcard anywhere: `service:Action`.
const EXACT_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

export const trustedPrincipalSchema = z.union([
  z
    .literal('account-root')
    .meta({ description: 'any principal of this account that presents MFA' }),
  z.string().regex(ROLE_ARN, {
    message: 'must be "account-root" or an IAM role ARN (arn:aws:iam::123456789012:role/Name)',
  }),
]);

export const humanSegmentSchema = z
  .strictObject({
    trustedPrincipals: z.array(trustedPrincipalSchema).min(1).default(['account-root']).meta({
      description:
        'who may assume the segment role: "account-root" or IAM role ARNs; MFA is always required',
    }),
    maxMfaAgeSeconds: z
      .int()
      .min(60)
      .max(43200)
      .default(3600)
      .meta({ description: 'largest aws:MultiFactorAuthAge the trust policy accepts' }),
    maxSessionSeconds: z
      .int()
      .min(3600)
      .max(43200)
      .default(3600)
      .meta({ description: 'MaxSessionDuration of the segment role' }),
  })
  .meta({ description: 'a segment used by people' });

export const certificateSubjectSchema = z
  .strictObject({
    CN: z.string().min(1).optional().meta({ description: 'certificate subject common name' }),
    O: z.string().min(1).optional().meta({ description: 'certificate subject organization' }),
    OU: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'certificate subject organizational unit' }),
  })
  .refine((s) => Object.keys(s).length > 0, {
    message: 'must name at least one of CN, O, OU: an empty subject would trust every certificate',
  });

export const rolesAnywhereSchema = z.strictObject({
  caCertificateBundlePem: z
    .string()
    .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, {
      message: 'must be a PEM certificate bundle (-----BEGIN CERTIFICATE----- ...)',
    })
    .meta({ description: "PEM bundle of the CA that signs the trading server's certificate" }),
  certificateSubject: certificateSubjectSchema.meta({
    description: 'subject fields the server certificate must carry (trust condition)',
  }),
});

export const boundaryExtensionSchema = z.strictObject({
  actions: z
    .array(
      z.string().regex(EXACT_ACTION, {
        message: 'must be one exact IAM action such as "s3:GetObject" (no wildcards)',
      }),
    )
    .min(1)
    .meta({ description: 'exact IAM actions the automation boundary also allows' }),
  resources: z
    .array(
      z
        .string()
        .regex(/^arn:/, { message: 'must be an ARN' })
        .refine((r) => !r.includes('*'), { message: 'must not contain a wildcard' }),
    )
    .min(1)
    .meta({ description: 'exact resource ARNs for those actions' }),
});

export const automationSegmentSchema = z
  .strictObject({
    compute: z
      .array(z.enum(['ec2', 'ecs', 'roles-anywhere']))
      .min(1)
      .default(['ec2'])
      .meta({ description: 'where the trading server runs: ec2, ecs, roles-anywhere (off AWS)' }),
    ec2MetadataHopLimit: z.int().min(1).max(2).default(1).meta({
      description: 'IMDSv2 hop limit of the launch template (2 only for containers on EC2)',
    }),
    rolesAnywhere: rolesAnywhereSchema
      .optional()
      .meta({ description: 'required when compute includes roles-anywhere' }),
    boundaryExtensions: z
      .array(boundaryExtensionSchema)
      .default([])
      .meta({ description: 'explicit actions and resources that widen the permissions boundary' }),
  })
  .superRefine((a, ctx) => {
    if (a.compute.includes('roles-anywhere') && !a.rolesAnywhere) {
      ctx.addIssue({
        code: 'custom',
        path: ['rolesAnywhere'],
        input: a.rolesAnywhere,
        message:
          'is required when compute includes "roles-anywhere" (a CA bundle and a certificate subject)',
      });
    }
    if (!a.compute.includes('roles-anywhere') && a.rolesAnywhere) {
      ctx.addIssue({
        code: 'custom',
        path: ['rolesAnywhere'],
        input: '(set)',
        message: 'is set but compute does not include "roles-anywhere"',
      });
    }
    if (new Set(a.compute).size !== a.compute.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['compute'],
        input: a.compute,
        message: 'lists a compute type twice',
      });
    }
  })
  .meta({ description: 'the trading server: no human trust, 1 h sessions, permissions boundary' });

export const segmentsSchema = z
  .strictObject({
    automation: automationSegmentSchema.default({
      compute: ['ec2'],
      ec2MetadataHopLimit: 1,
      boundaryExtensions: [],
    }),
    execution: humanSegmentSchema.default({
      trustedPrincipals: ['account-root'],
      maxMfaAgeSeconds: 3600,
      maxSessionSeconds: 3600,
    }),
    approvals: humanSegmentSchema.default({
      trustedPrincipals: ['account-root'],
      maxMfaAgeSeconds: 3600,
      maxSessionSeconds: 3600,
    }),
    admin: humanSegmentSchema.default({
      trustedPrincipals: ['account-root'],
      maxMfaAgeSeconds: 3600,
      maxSessionSeconds: 3600,
    }),
  })
  .meta({ description: 'one entry per segment; all four always exist' });

export type HumanSegmentConfig = z.infer<typeof humanSegmentSchema>;
export type AutomationSegmentConfig = z.infer<typeof automationSegmentSchema>;
export type RolesAnywhereConfig = z.infer<typeof rolesAnywhereSchema>;
export type BoundaryExtension = z.infer<typeof boundaryExtensionSchema>;
