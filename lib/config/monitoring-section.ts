import { z } from 'zod';
import { SEGMENT_NAMES } from '../contracts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOG_GROUP_NAME = /^[\w\-/.#]{1,512}$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const hhmm = (description: string, fallback: string) =>
  z
    .string()
    .regex(HHMM, { message: 'must be HH:MM (24 h)' })
    .default(fallback)
    .meta({ description });

export const tradingHoursSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine(isTimeZone, { message: 'must be an IANA time zone such as America/New_York' })
      .default('America/New_York')
      .meta({
        description: 'IANA time zone the hours are written in (daylight saving follows it)',
      }),
    days: z
      .array(z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']))
      .min(1)
      .default(['MON', 'TUE', 'WED', 'THU', 'FRI'])
      .meta({ description: 'trading days' }),
    start: hhmm('start of trading hours', '09:30'),
    end: hhmm('end of trading hours', '16:00'),
    preOpenMinutes: z.int().min(0).max(240).default(60).meta({
      description: 'minutes before the start when a login is still expected, not anomalous',
    }),
  })
  .refine((h) => h.start < h.end, {
    message: 'start must be before end (hours that cross midnight are not supported)',
    path: ['end'],
  })
  .meta({ description: 'when automation is expected to hold a healthy session' });

export const logSourceSchema = z
  .strictObject({
    logGroupName: z
      .string()
      .regex(LOG_GROUP_NAME, { message: 'must be a CloudWatch Logs group name' })
      .meta({ description: 'an existing log group the tool writes to' }),
    segment: z.enum(SEGMENT_NAMES).meta({
      description: 'the segment whose logins the log shows (its events carry this segment)',
    }),
    source: z
      .enum(['ibc', 'ibeam', 'gateway', 'webapi', 'bot'])
      .meta({ description: 'the tool that writes it' }),
    deviceIdFrom: z.enum(['log-stream', 'none']).default('log-stream').meta({
      description:
        'log-stream: each log stream (instance, task) is a device, and its first sighting raises device_registered; none: no device tracking',
    }),
  })
  .meta({
    description: 'a log group of IBC, IBeam, the gateway or a bot, and the segment it belongs to',
  });

export const loginWindowSchema = z
  .strictObject({
    start: z
      .string()
      .regex(HHMM, { message: 'must be HH:MM (24 h)' })
      .meta({ description: 'window start' }),
    end: z
      .string()
      .regex(HHMM, { message: 'must be HH:MM (24 h)' })
      .meta({ description: 'window end' }),
  })
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] })
  .meta({ description: 'a daily window (trading-hours time zone) when logins are expected' });

export const alarmThresholdsSchema = z
  .strictObject({
    failedLoginBurst: z
      .int()
      .min(1)
      .max(100)
      .default(3)
      .meta({ description: 'failed logins in 5 minutes' }),
    secondFactor: z
      .int()
      .min(1)
      .max(100)
      .default(1)
      .meta({ description: 'second-factor failures and timeouts in 1 minute' }),
    competingSession: z
      .int()
      .min(1)
      .max(100)
      .default(1)
      .meta({ description: 'competing sessions in 1 minute' }),
    newDevice: z
      .int()
      .min(1)
      .max(100)
      .default(1)
      .meta({ description: 'new devices registered in 1 minute' }),
    entitlement: z
      .int()
      .min(1)
      .max(100)
      .default(1)
      .meta({ description: 'entitlement changes or refusals in 1 minute' }),
    lockoutRisk: z
      .int()
      .min(1)
      .max(100)
      .default(1)
      .meta({ description: 'lock-out warnings in 1 minute' }),
    loginOutsideHours: z
      .int()
      .min(1)
      .max(100)
      .default(1)
      .meta({ description: 'logins outside trading hours in 1 minute' }),
  })
  .meta({ description: 'alarm thresholds (each alarm fires at or above its threshold)' });

export const monitoringSchema = z
  .strictObject({
    logSources: z
      .array(logSourceSchema)
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Map<string, number>();
        list.forEach((s, i) => {
          const first = seen.get(s.logGroupName);
          if (first !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'logGroupName'],
              input: s.logGroupName,
              message: `is already logSources[${first}]; a log group belongs to one segment`,
            });
          } else seen.set(s.logGroupName, i);
        });
      })
      .meta({ description: 'log groups the classifier reads, each with its segment and tool' }),
    thresholds: alarmThresholdsSchema.prefault({}),
    reloginGraceMinutes: z
      .int()
      .min(1)
      .max(60)
      .default(10)
      .meta({ description: 'minutes a session may stay expired without a successful re-login' }),
    heartbeatMinutes: z.int().min(1).max(60).default(5).meta({
      description:
        'minutes without a healthy-session heartbeat, during trading hours, that raise the alarm',
    }),
    tradingHours: tradingHoursSchema.prefault({}),
    loginWindows: z.array(loginWindowSchema).default([]).meta({
      description:
        "extra daily windows when logins are expected outside trading hours, e.g. the gateway's daily restart",
    }),
    cloudTrailLogGroup: z
      .string()
      .regex(LOG_GROUP_NAME, { message: 'must be a CloudWatch Logs group name' })
      .optional()
      .meta({
        description:
          'a log group your CloudTrail trail already writes to: adds the CIS CloudWatch.1-7 metric filters and alarms',
      }),
    dashboard: z.boolean().default(false).meta({
      description:
        "adds the deployment's CloudWatch dashboard, viewable from the execution segment ($3 a month at list price; free among an account's first three)",
    }),
  })
  .meta({ description: 'login-anomaly monitoring' });

export type MonitoringConfig = z.infer<typeof monitoringSchema>;
export type LogSourceConfig = z.infer<typeof logSourceSchema>;
export type TradingHoursConfig = z.infer<typeof tradingHoursSchema>;
