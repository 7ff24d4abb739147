import { parseConfig } from '../../lib/config/parse';

const base = { alerts: { email: ['trader@example.com'] } };
const withCredentials = (credentials: unknown[]) => parseConfig({ ...base, credentials });

test('ibkr-oauth and manual credentials take their defaults', () => {
  // WHEN
  const c = withCredentials([
    {
      name: 'ibkr-session',
      segment: 'automation',
      class: 'session-token',
      rotation: { type: 'ibkr-oauth' },
    },
    { name: 'ibkr-login', segment: 'automation', class: 'password', rotation: { type: 'manual' } },
  ]);
  // THEN
  expect(c.credentials.map((x) => x.rotation)).toEqual([
    { type: 'ibkr-oauth', everyHours: 12 },
    { type: 'manual', maxAgeDays: 90 },
  ]);
});

test.each([
  [
    { name: 'tok', segment: 'automation', class: 'session-token', rotation: { type: 'manual' } },
    /credentials\[0\]\.class.*must be "password", "api-key" or "second-factor" when rotation.type is "manual"/s,
  ],
  [
    { name: 'tok', segment: 'automation', class: 'password', rotation: { type: 'ibkr-oauth' } },
    /credentials\[0\]\.class.*must be "session-token" when rotation.type is "ibkr-oauth"/s,
  ],
  [
    { name: 'tok', segment: 'admin', class: 'session-token', rotation: { type: 'ibkr-oauth' } },
    /credentials\[0\]\.segment.*must be "automation"/s,
  ],
  [
    {
      name: 'tok',
      segment: 'automation',
      class: 'session-token',
      rotation: { type: 'ibkr-oauth', everyHours: 24 },
    },
    /credentials\[0\]\.rotation\.everyHours/s,
  ],
  [
    { name: 'tok', segment: 'automation', class: 'second-factor', rotation: { type: 'manual' } },
    /credentials\[0\]\.segment.*second-factor material may only live in approvals or admin/s,
  ],
])('refuses %j', (credential, message) => {
  expect(() => withCredentials([credential])).toThrow(message);
});

test('names must be unique', () => {
  const c = {
    name: 'same',
    segment: 'automation',
    class: 'password',
    rotation: { type: 'manual' },
  };
  expect(() => withCredentials([c, c])).toThrow(
    /credentials\[1\]\.name.*already used by credentials\[0\]/s,
  );
});
