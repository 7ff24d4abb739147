import { Duration } from 'aws-cdk-lib';
import { GATEWAY_MAX_TASK_STOPS_PER_HOUR_DEFAULT } from '../contracts/limits';

/**
 * Secure defaults of GatewayHost, kept apart from the code that builds it. Precedence: these
 * defaults < user props < values the construct forces (noted per value).
 */
export const GATEWAY_DEFAULTS = {
  /** Paused: an admin resumes it once the login credential holds a real value. */
  desiredCount: 0,
  /** 1 vCPU / 2 GiB: IB Gateway's JVM (768 MiB heap) with Xvfb, or IBeam's Chromium. */
  cpu: 1024,
  memoryMiB: 2048,
  maxTaskStopsPerHour: GATEWAY_MAX_TASK_STOPS_PER_HOUR_DEFAULT,
  /**
   * Container health check, where the image has a liveness probe: slow on purpose. A task
   * that fails it is replaced, and a replacement is a new IBKR login (and, after the weekly
   * reset, a second-factor prompt). The earliest replacement comes 5 + 3 × 5 = 20 minutes
   * after start, longer than IBKR's 3-minute second-factor window plus IBC's exit interval.
   */
  healthCheck: {
    startPeriod: Duration.seconds(300),
    interval: Duration.seconds(300),
    timeout: Duration.seconds(10),
    retries: 3,
  },
  /** Lets IBC log out cleanly on a scale-down (forced: the Fargate maximum is 120 s). */
  stopTimeout: Duration.seconds(120),
  /**
   * Forced: one gateway at a time. A deployment stops the old task before it starts the new
   * one, so two sessions never compete for the login.
   */
  minHealthyPercent: 0,
  maxHealthyPercent: 100,
} as const;
