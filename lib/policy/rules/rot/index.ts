import RotationWithinClassMaximum from './RotationWithinClassMaximum';
import PasswordAgeAlarm from './PasswordAgeAlarm';
import RotationRuntimeSupported from './RotationRuntimeSupported';

/** Rotation: intervals per credential class, age alarms for manual passwords, supported runtimes. */
export const ROT_RULES = [RotationWithinClassMaximum, PasswordAgeAlarm, RotationRuntimeSupported];
