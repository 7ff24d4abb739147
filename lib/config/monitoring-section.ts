import { z } from 'zod';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const tradingHoursSchema = z
  .strictObject({
    timezone: z.string().default('America/New_York').meta({ description: 'IANA time zone' }),
    days: z
      .array(z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']))
      .min(1)
      .default(['MON', 'TUE', 'WED', 'THU', 'FRI'])
      .meta({ description: 'trading days' }),
    start: z.string().regex(HHMM, { message: 'must be HH:MM' }).default('09:30'),
    end: z.string().regex(HHMM, { message: 'must be HH:MM' }).default('16:00'),
  })
  .meta({ description: 'when automation is expected to hold a healthy session' });

export const monitoringSchema = z
  .strictObject({
    gatewayLogGroups: z
      .array(
        z.string().regex(/^[\w\-/.#]{1,512}$/, { message: 'must be a CloudWatch Logs group name' }),
      )
      .default([])
      .meta({ description: 'existing log groups of IBC / IBeam / the gateway to classify' }),
    failedLoginThreshold: z
      .int()
      .min(1)
      .max(100)
      .default(3)
      .meta({ description: 'failed logins in 5 minutes that raise the burst alarm' }),
    reloginGraceMinutes: z
      .int()
      .min(1)
      .max(60)
      .default(10)
      .meta({ description: 'minutes a session may stay expired before the alarm fires' }),
    tradingHours: tradingHoursSchema.default({
      timezone: 'America/New_York',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '09:30',
      end: '16:00',
    }),
    cloudTrailLogGroup: z
      .string()
      .optional()
      .meta({
        description:
          'a log group your CloudTrail trail already writes to: adds the CIS metric filters',
      }),
  })
  .meta({ description: 'login-anomaly monitoring' });

export type MonitoringConfig = z.infer<typeof monitoringSchema>;
