import {
  isExpectedLoginTime,
  isWithinTradingHours,
  localClock,
} from '../../lib/monitoring/trading-hours';

const NYSE = {
  timezone: 'America/New_York',
  days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
  start: '09:30',
  end: '16:00',
};

describe('trading hours', () => {
  test('follow daylight saving of the configured time zone', () => {
    // 09:30 New York is 14:30Z in winter and 13:30Z in summer
    expect(isWithinTradingHours(new Date('2026-01-05T14:30:00Z'), NYSE)).toBe(true);
    expect(isWithinTradingHours(new Date('2026-01-05T14:29:00Z'), NYSE)).toBe(false);
    expect(isWithinTradingHours(new Date('2026-07-06T13:30:00Z'), NYSE)).toBe(true);
    expect(isWithinTradingHours(new Date('2026-07-06T20:00:00Z'), NYSE)).toBe(false);
  });

  test('only on trading days, by the local date', () => {
    // Saturday 10:00 New York; and Friday 23:00 New York, which is Saturday in UTC
    expect(isWithinTradingHours(new Date('2026-01-10T15:00:00Z'), NYSE)).toBe(false);
    expect(localClock(new Date('2026-01-10T04:00:00Z'), 'America/New_York')).toEqual({
      day: 'FRI',
      minutes: 23 * 60,
    });
  });

  test('a login is expected in the pre-open lead and in extra windows', () => {
    const hours = { ...NYSE, preOpenMinutes: 30 };
    expect(isExpectedLoginTime(new Date('2026-01-05T14:00:00Z'), hours)).toBe(true); // 09:00
    expect(isExpectedLoginTime(new Date('2026-01-05T13:59:00Z'), hours)).toBe(false); // 08:59
    const restart = [{ start: '23:40', end: '23:59' }];
    expect(isExpectedLoginTime(new Date('2026-01-11T04:45:00Z'), hours, restart)).toBe(true); // Sat 23:45
  });
});
