import RotationWithinClassMaximum from './RotationWithinClassMaximum';
import PasswordAgeAlarm from './PasswordAgeAlarm';
import RotationRuntimeSupported from './RotationRuntimeSupported';
import SecretRotationConfigured from './SecretRotationConfigured';

/**
 * Rotation: intervals per credential class, age alarms for manual passwords, supported
 * runtimes, and a schedule (or a stated reason) for every other secret.
 */
export const ROT_RULES = [
  RotationWithinClassMaximum,
  PasswordAgeAlarm,
  RotationRuntimeSupported,
  SecretRotationConfigured,
];
