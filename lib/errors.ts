/**
 * The one error class brokerguard raises for bad input or a forbidden construction.
 *
 * `code` is stable across releases so tooling can match on it; the message names the field
 * or construct, the value given, and what is allowed.
 */
export class BrokerGuardError extends Error {
  public readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'BrokerGuardError';
    this.code = code;
  }
}
