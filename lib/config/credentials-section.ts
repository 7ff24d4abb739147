import { z } from 'zod';
import { CREDENTIAL_CLASSES, SECOND_FACTOR_SEGMENTS, SEGMENT_NAMES } from '../contracts';
import { CREDENTIAL_NAME_PATTERN, CREDENTIAL_NAME_RULE } from '../contracts/names';

export const credentialRotationSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      type: z.literal('ibkr-oauth'),
      everyHours: z.int().min(4).max(23).default(12).meta({
        description:
          'hours between live session token mints (Secrets Manager minimum 4; must stay under the 24 h token lifetime)',
      }),
    })
    .meta({ description: 'mint IBKR live session tokens from an issuer secret of OAuth keys' }),
  z
    .strictObject({
      type: z.literal('manual'),
      maxAgeDays: z
        .int()
        .min(1)
        .max(365)
        .default(90)
        .meta({ description: 'days after which the age alarm fires' }),
    })
    .meta({ description: 'no API can rotate it: an age alarm and a runbook' }),
]);

export const credentialSchema = z
  .strictObject({
    name: z
      .string()
      .regex(CREDENTIAL_NAME_PATTERN, { message: `must be ${CREDENTIAL_NAME_RULE}` })
      .meta({ description: 'unique name; the secret is named <deployment>/<segment>/<name>' }),
    segment: z.enum(SEGMENT_NAMES).meta({ description: 'the segment that owns and reads it' }),
    class: z.enum(CREDENTIAL_CLASSES).meta({ description: 'what the secret holds' }),
    description: z.string().max(200).optional().meta({ description: 'shown on the secret' }),
    rotation: credentialRotationSchema.meta({ description: 'how the credential is renewed' }),
  })
  .superRefine((c, ctx) => {
    if (c.class === 'second-factor' && !SECOND_FACTOR_SEGMENTS.includes(c.segment)) {
      ctx.addIssue({
        code: 'custom',
        path: ['segment'],
        input: c.segment,
        message: `second-factor material may only live in ${SECOND_FACTOR_SEGMENTS.join(' or ')}`,
      });
    }
    if (c.rotation.type === 'ibkr-oauth' && c.class !== 'session-token') {
      ctx.addIssue({
        code: 'custom',
        path: ['class'],
        input: c.class,
        message: 'must be "session-token" when rotation.type is "ibkr-oauth"',
      });
    }
    if (c.rotation.type === 'manual' && c.class === 'session-token') {
      ctx.addIssue({
        code: 'custom',
        path: ['class'],
        input: c.class,
        message:
          'must be "password", "api-key" or "second-factor" when rotation.type is "manual": a session token is minted by a rotation function',
      });
    }
    if (c.rotation.type === 'ibkr-oauth' && c.segment !== 'automation') {
      ctx.addIssue({
        code: 'custom',
        path: ['segment'],
        input: c.segment,
        message: 'must be "automation": only the trading server reads IBKR session tokens',
      });
    }
  });

export const credentialsSchema = z
  .array(credentialSchema)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((c, i) => {
      if (seen.has(c.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          input: c.name,
          message: `is already used by credentials[${seen.get(c.name)}]; names must be unique`,
        });
      } else {
        seen.set(c.name, i);
      }
    });
  })
  .meta({ description: 'every credential the deployment holds' });

export type CredentialConfig = z.infer<typeof credentialSchema>;
export type CredentialRotationConfig = z.infer<typeof credentialRotationSchema>;
