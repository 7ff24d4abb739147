import SecondFactorPlacement from './SecondFactorPlacement';
import SecretReadOnlyInSegment from './SecretReadOnlyInSegment';

/** Segment isolation rules. */
export const SEG_RULES = [SecretReadOnlyInSegment, SecondFactorPlacement];
