import SecretReadOnlyInSegment from './SecretReadOnlyInSegment';
import SecondFactorPlacement from './SecondFactorPlacement';
import SecretDenyOutsideSegment from './SecretDenyOutsideSegment';
import SecretSegmentTags from './SecretSegmentTags';

/** Segment isolation: who can read a secret, and where second factors live. */
export const SEG_RULES = [
  SecretReadOnlyInSegment,
  SecondFactorPlacement,
  SecretDenyOutsideSegment,
  SecretSegmentTags,
];
