/** Trading hours as the config gives them; a plain shape so handlers need no zod. */
export interface TradingHours {
  /** IANA time zone; daylight saving follows it. */
  readonly timezone: string;
  /** Trading days: `MON` … `SUN`. */
  readonly days: string[];
  /** `HH:MM`, 24 h. */
  readonly start: string;
  readonly end: string;
  /** Minutes before `start` when a login is expected. @default 0 */
  readonly preOpenMinutes?: number;
}

/** A daily window (trading-hours time zone) when logins are expected. */
export interface LoginWindow {
  readonly start: string;
  readonly end: string;
}

const DAY_NAMES: Record<string, string> = {
  Mon: 'MON',
  Tue: 'TUE',
  Wed: 'WED',
  Thu: 'THU',
  Fri: 'FRI',
  Sat: 'SAT',
  Sun: 'SUN',
};

// Building an Intl formatter costs far more than using one; handlers call this per event.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The local weekday (`MON`..`SUN`) and minute of the day of `date` in `timezone`. */
export function localClock(date: Date, timezone: string): { day: string; minutes: number } {
  let day = '';
  let hour = 0;
  let minute = 0;
  for (const part of formatter(timezone).formatToParts(date)) {
    if (part.type === 'weekday') day = DAY_NAMES[part.value] ?? part.value;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { day, minutes: hour * 60 + minute };
}

/** Whether `date` falls within trading hours (start inclusive, end exclusive). */
export function isWithinTradingHours(date: Date, hours: TradingHours): boolean {
  const { day, minutes } = localClock(date, hours.timezone);
  return (
    hours.days.includes(day) && minutes >= toMinutes(hours.start) && minutes < toMinutes(hours.end)
  );
}

/**
 * Whether a login at `date` is expected: within trading hours or the pre-open lead on a
 * trading day, or within one of the extra daily windows (the gateway's daily restart).
 */
export function isExpectedLoginTime(
  date: Date,
  hours: TradingHours,
  windows: readonly LoginWindow[] = [],
): boolean {
  const { day, minutes } = localClock(date, hours.timezone);
  const opens = toMinutes(hours.start) - (hours.preOpenMinutes ?? 0);
  if (hours.days.includes(day) && minutes >= opens && minutes < toMinutes(hours.end)) return true;
  return windows.some((w) => minutes >= toMinutes(w.start) && minutes < toMinutes(w.end));
}
