import LogGroupEncryptedBounded from './LogGroupEncryptedBounded';
import SegmentFunctionLogGroup from './SegmentFunctionLogGroup';

/** Logs: encrypted, bounded, and owned by the template. */
export const LOG_RULES = [LogGroupEncryptedBounded, SegmentFunctionLogGroup];
