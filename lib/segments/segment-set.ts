import { AccessSegment } from './access-segment';

/** The four segments of one deployment, one property each. */
export interface SegmentSet {
  /** The trading server. */
  readonly automation: AccessSegment;
  /** The person at the desktop. */
  readonly execution: AccessSegment;
  /** The phone: owns the alert channel. */
  readonly approvals: AccessSegment;
  /** Break-glass: owns incident response and credential hygiene. */
  readonly admin: AccessSegment;
}
