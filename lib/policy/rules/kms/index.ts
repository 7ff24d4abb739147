import SegmentSecretUsesSegmentKey from './SegmentSecretUsesSegmentKey';
import KeyPolicyDecryptInSegment from './KeyPolicyDecryptInSegment';

/** Keys: one rotating customer-managed key per segment, decrypt only inside it. */
export const KMS_RULES = [SegmentSecretUsesSegmentKey, KeyPolicyDecryptInSegment];
