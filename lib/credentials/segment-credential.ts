import { IConstruct } from 'constructs';
import { SegmentSecret } from '../segments/segment-secret';

/**
 * A credential built with the kit's constructs (RotatingCredential, ManualCredential,
 * IbkrSessionToken): what monitoring and incident response need to know of it.
 */
export interface ISegmentCredential extends IConstruct {
  /** The secret the segment's principals read; its segment is the credential's segment. */
  readonly secret: SegmentSecret;
}
