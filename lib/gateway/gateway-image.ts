import { BrokerGuardError } from '../errors';
import { DEFAULT_GATEWAY_IMAGES, GatewayImageKind, isPinnedImage } from '../contracts/gateway';
import { TradingMode } from '../contracts/names';

/** How a custom image takes its settings. */
export interface CustomGatewayImageOptions {
  /** The port the strategy connects to (the API port, or the relay in front of it). */
  readonly apiPort: number;
  /**
   * Environment variable that receives the username (from the login secret's `username` key).
   * @default 'GATEWAY_USERNAME'
   */
  readonly usernameVariable?: string;
  /**
   * Environment variable that receives the password (from the login secret's `password` key).
   * @default 'GATEWAY_PASSWORD'
   */
  readonly passwordVariable?: string;
  /**
   * Environment variable set to `paper` or `live`.
   * @default 'TRADING_MODE'
   */
  readonly tradingModeVariable?: string;
  /**
   * Whether the image runs with a read-only root filesystem (a writable /tmp is mounted).
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * A liveness command for the container health check (`CMD-SHELL` form, one string).
   * @default - no container health check: ECS replaces the task only when it exits
   */
  readonly healthCheckCommand?: string;
}

const VARIABLE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * The image the gateway host runs and how it is driven: where the login goes, which settings it
 * takes, which port the strategy reaches, and how its liveness is checked. Pinned by tag or
 * digest: `latest` and untagged references are refused.
 */
export class GatewayImage {
  /**
   * IB Gateway + IBC in the gnzsnz/ib-gateway image: TWS_USERID / TWS_PASSWORD from the login
   * secret; the API is relayed to 4004 (paper) or 4003 (live) for other tasks, and listens on
   * 4002 / 4001 on localhost for a sidecar.
   * @param reference @default - ghcr.io/gnzsnz/ib-gateway at the tag in the docs
   */
  public static ibc(reference?: string): GatewayImage {
    return new GatewayImage(GatewayImageKind.IBC, reference ?? DEFAULT_GATEWAY_IMAGES.ibc, {
      usernameVariable: 'TWS_USERID',
      passwordVariable: 'TWS_PASSWORD',
      readOnlyRootFilesystem: false,
      readOnlyReason:
        'the gnzsnz/ib-gateway image renders IBC config.ini and jts.ini into its home directory at every start and runs Xvfb, so its root filesystem must be writable',
    });
  }

  /**
   * The Client Portal Gateway + IBeam (voyz/ibeam): IBEAM_ACCOUNT / IBEAM_PASSWORD from the login
   * secret; the API on 5000 (HTTPS), IBeam's liveness endpoint on 5001.
   * @param reference @default - voyz/ibeam at the tag in the docs
   */
  public static ibeam(reference?: string): GatewayImage {
    return new GatewayImage(GatewayImageKind.IBEAM, reference ?? DEFAULT_GATEWAY_IMAGES.ibeam, {
      usernameVariable: 'IBEAM_ACCOUNT',
      passwordVariable: 'IBEAM_PASSWORD',
      readOnlyRootFilesystem: false,
      readOnlyReason:
        'IBeam drives a headless Chromium that writes its profile and the Client Portal Gateway writes its logs inside the image, so its root filesystem must be writable',
      healthCheckCommand: 'curl -fsS http://127.0.0.1:5001/livez || exit 1',
    });
  }

  /** An image of your own, pinned by tag or digest. */
  public static custom(reference: string, options: CustomGatewayImageOptions): GatewayImage {
    if (!Number.isInteger(options.apiPort) || options.apiPort < 1 || options.apiPort > 65535) {
      throw new BrokerGuardError(
        'GATEWAY_IMAGE',
        `GatewayImage.custom ${reference}: apiPort must be a TCP port (1-65535), got ${options.apiPort}`,
      );
    }
    return new GatewayImage(GatewayImageKind.CUSTOM, reference, {
      usernameVariable: options.usernameVariable ?? 'GATEWAY_USERNAME',
      passwordVariable: options.passwordVariable ?? 'GATEWAY_PASSWORD',
      tradingModeVariable: options.tradingModeVariable ?? 'TRADING_MODE',
      readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? true,
      readOnlyReason: 'the custom image is configured with readOnlyRootFilesystem: false',
      healthCheckCommand: options.healthCheckCommand,
      apiPort: options.apiPort,
    });
  }

  public readonly kind: GatewayImageKind;
  /** The pinned image reference (`registry/name:tag` or `registry/name@sha256:...`). */
  public readonly reference: string;
  /** The container variable that receives the login's username. */
  public readonly usernameVariable: string;
  /** The container variable that receives the login's password. */
  public readonly passwordVariable: string;
  /** Whether the image works with a read-only root filesystem. */
  public readonly supportsReadOnlyRootFilesystem: boolean;
  /** Why it does not, when it does not: the reason recorded on the acknowledged finding. */
  public readonly readOnlyReason: string;
  /** The liveness command, if the image has one that does not depend on a finished login. */
  public readonly healthCheckCommand?: string;
  private readonly tradingModeVariable?: string;
  private readonly customPort?: number;

  private constructor(
    kind: GatewayImageKind,
    reference: string,
    spec: {
      usernameVariable: string;
      passwordVariable: string;
      readOnlyRootFilesystem: boolean;
      readOnlyReason: string;
      healthCheckCommand?: string;
      tradingModeVariable?: string;
      apiPort?: number;
    },
  ) {
    if (!isPinnedImage(reference)) {
      throw new BrokerGuardError(
        'GATEWAY_IMAGE',
        `GatewayImage ${kind}: image ${JSON.stringify(reference)} is not pinned; use registry/name:tag (not latest) or registry/name@sha256:<digest>`,
      );
    }
    for (const v of [spec.usernameVariable, spec.passwordVariable, spec.tradingModeVariable]) {
      if (v !== undefined && !VARIABLE.test(v)) {
        throw new BrokerGuardError(
          'GATEWAY_IMAGE',
          `GatewayImage ${kind}: ${JSON.stringify(v)} is not an environment variable name (A-Z, 0-9, _)`,
        );
      }
    }
    this.kind = kind;
    this.reference = reference;
    this.usernameVariable = spec.usernameVariable;
    this.passwordVariable = spec.passwordVariable;
    this.supportsReadOnlyRootFilesystem = spec.readOnlyRootFilesystem;
    this.readOnlyReason = spec.readOnlyReason;
    this.healthCheckCommand = spec.healthCheckCommand;
    this.tradingModeVariable = spec.tradingModeVariable;
    this.customPort = spec.apiPort;
  }

  /** The port another task (the strategy) connects to, through the security group. */
  public apiPort(mode: TradingMode): number {
    if (this.kind === GatewayImageKind.IBC) return mode === TradingMode.LIVE ? 4003 : 4004;
    if (this.kind === GatewayImageKind.IBEAM) return 5000;
    return this.customPort!;
  }

  /** The port a sidecar in the same task connects to on 127.0.0.1. */
  public localApiPort(mode: TradingMode): number {
    if (this.kind === GatewayImageKind.IBC) return mode === TradingMode.LIVE ? 4001 : 4002;
    return this.apiPort(mode);
  }

  /**
   * The image's non-secret settings for a trading mode: for IBC the second-factor posture the
   * kit recommends (exit on a 2FA timeout and let ECS start a new task, which the restart-loop
   * alarm counts; keep a primary session).
   */
  public environment(mode: TradingMode): { [name: string]: string } {
    if (this.kind === GatewayImageKind.IBC) {
      return {
        TRADING_MODE: mode,
        TWOFA_TIMEOUT_ACTION: 'exit',
        RELOGIN_AFTER_TWOFA_TIMEOUT: 'no',
        EXISTING_SESSION_DETECTED_ACTION: 'primary',
      };
    }
    if (this.kind === GatewayImageKind.IBEAM) {
      return {
        IBEAM_USE_PAPER_ACCOUNT: mode === TradingMode.PAPER ? 'true' : 'false',
        IBEAM_LOG_TO_FILE: 'false',
      };
    }
    return { [this.tradingModeVariable!]: mode };
  }
}
