import { z } from 'zod';
import { DEFAULT_RUNBOOK_BASE } from '../contracts/alert-message';

export const alertsSchema = z
  .strictObject({
    email: z
      .array(z.email({ message: 'must be an e-mail address' }))
      .default([])
      .meta({ description: 'addresses subscribed to every alert (each confirms once)' }),
    sms: z
      .array(
        z.string().regex(/^\+[1-9]\d{6,14}$/, { message: 'must be an E.164 number: +15551234567' }),
      )
      .default([])
      .meta({ description: 'phone numbers (E.164) subscribed by SMS' }),
    https: z
      .array(z.url({ protocol: /^https$/, message: 'must be an https:// URL' }))
      .default([])
      .meta({ description: 'chat webhooks (HTTPS endpoints) subscribed to every alert' }),
    runbookBase: z
      .string()
      .min(1)
      .max(200)
      .regex(/^\S+$/, { message: 'must be a path or URL without spaces' })
      .default(DEFAULT_RUNBOOK_BASE)
      .meta({
        description:
          'where alert messages point for runbooks: a path or URL of docs/runbooks.md (anchors are appended)',
      }),
  })
  .refine((a) => a.email.length + a.sms.length + a.https.length > 0, {
    message:
      'must name at least one e-mail, sms or https subscriber: alerts that reach nobody are lost',
  })
  .meta({ description: 'the out-of-band alert channel' });

export type AlertsConfig = z.infer<typeof alertsSchema>;
