import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { BrokerGuardError } from '../errors';
import { automationSwitchParameterName, DEPLOYMENT_NAME_PATTERN } from '../contracts/names';

export { automationSwitchParameterName };

/** Options of {@link AutomationSwitch}. */
export interface AutomationSwitchOptions {
  /** The deployment whose switch to read (config `deployment.name`). */
  readonly deploymentName: string;
  /** @default - a new SSMClient in the server's region */
  readonly client?: SSMClient;
  /**
   * How long a read answer is reused. Short, because a paused switch must stop the next login
   * attempt, not one an hour later.
   * @default 15000 (15 seconds)
   */
  readonly cacheMilliseconds?: number;
  /**
   * What an unreadable switch means. `paused` (fail closed) keeps a retry loop from locking the
   * broker account while AWS is unreachable; `throw` leaves the decision to the caller.
   * @default 'paused'
   */
  readonly onError?: 'paused' | 'throw';
  /** @default Date.now */
  readonly clock?: () => number;
}

/** What the switch said, and why. */
export interface AutomationSwitchState {
  readonly enabled: boolean;
  /** `parameter`: read now or from the cache; `error`: unreadable and failed closed. */
  readonly source: 'parameter' | 'error';
  readonly reason?: string;
}

/**
 * Reads the automation switch from the trading server. Check it before every broker login
 * and before sending orders:
 *
 * ```ts
 * const sw = new AutomationSwitch({ deploymentName: 'paper' });
 * await sw.assertEnabled(); // throws BrokerGuardError('AUTOMATION_PAUSED') when off
 * ```
 */
export class AutomationSwitch {
  public readonly parameterName: string;
  private readonly client: SSMClient;
  private readonly cacheMs: number;
  private readonly onError: 'paused' | 'throw';
  private readonly clock: () => number;
  private cached?: { state: AutomationSwitchState; at: number };

  constructor(options: AutomationSwitchOptions) {
    if (!DEPLOYMENT_NAME_PATTERN.test(options.deploymentName)) {
      throw new BrokerGuardError(
        'AUTOMATION_SWITCH',
        `deploymentName: got ${JSON.stringify(options.deploymentName)}; must be the deployment name from the config (lowercase letters, digits, dashes)`,
      );
    }
    const cacheMs = options.cacheMilliseconds ?? 15_000;
    if (!Number.isFinite(cacheMs) || cacheMs < 0 || cacheMs > 300_000) {
      throw new BrokerGuardError(
        'AUTOMATION_SWITCH',
        `cacheMilliseconds: got ${cacheMs}; allowed: 0 to 300000 (a paused switch must take effect within minutes)`,
      );
    }
    this.parameterName = automationSwitchParameterName(options.deploymentName);
    this.client = options.client ?? new SSMClient({});
    this.cacheMs = cacheMs;
    this.onError = options.onError ?? 'paused';
    this.clock = options.clock ?? Date.now;
  }

  /** The switch's state; a failed read is `enabled: false` unless `onError` is `throw`. */
  public async state(): Promise<AutomationSwitchState> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < this.cacheMs) return this.cached.state;
    let state: AutomationSwitchState;
    try {
      const out = await this.client.send(new GetParameterCommand({ Name: this.parameterName }));
      const value = out.Parameter?.Value;
      state =
        value === 'true'
          ? { enabled: true, source: 'parameter' }
          : {
              enabled: false,
              source: 'parameter',
              reason: `${this.parameterName} is ${JSON.stringify(value)}`,
            };
    } catch (err) {
      const reason = `cannot read ${this.parameterName}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
      if (this.onError === 'throw')
        throw new BrokerGuardError('AUTOMATION_SWITCH_UNREADABLE', reason);
      // Not cached: the next check retries the read instead of staying paused for cacheMs.
      return { enabled: false, source: 'error', reason };
    }
    this.cached = { state, at: now };
    return state;
  }

  /** True only when the switch reads exactly `true`. */
  public async isEnabled(): Promise<boolean> {
    return (await this.state()).enabled;
  }

  /** @throws BrokerGuardError `AUTOMATION_PAUSED` when the switch is off or unreadable */
  public async assertEnabled(): Promise<void> {
    const s = await this.state();
    if (!s.enabled) {
      throw new BrokerGuardError(
        'AUTOMATION_PAUSED',
        `automation is paused (${s.reason}); an admin resumes it with: npx brokerguard automation resume --confirm`,
      );
    }
  }
}
