import { logger } from "../observability/logger";

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown>;
}

export interface LifecycleOptions {
  /** The whole shutdown must end within this long; after it the process exits 1. */
  timeoutMs: number;
  /** Called first, at once: readiness answers 503 from then on. */
  onStopping(): void;
  /** How long requests are still served after that, before the steps run (SHUTDOWN_DRAIN_MS); 0 by default. */
  drainMs?: number;
  /** Run in order; a step that fails is logged and the next ones still run. */
  steps: ShutdownStep[];
  exit?: (code: number) => void;
}

/**
 * The one owner of shutdown. On SIGTERM or SIGINT: readiness says "stopping" while requests are
 * still served for the drain (load balancers see it and send no more), then each step runs in
 * order (stop accepting requests and let those in flight finish, stop recovery, close vendors,
 * metrics and the database), and the process exits 0; if that takes longer than the timeout it
 * exits 1. A second signal while stopping changes nothing.
 */
export class Lifecycle {
  private stopping: Promise<void> | null = null;
  private readonly exit: (code: number) => void;

  constructor(private readonly options: LifecycleOptions) {
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Listens for SIGTERM and SIGINT. */
  install(): void {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.on(signal, () => void this.shutdown(signal));
    }
  }

  shutdown(reason: string): Promise<void> {
    this.stopping ??= this.run(reason);
    return this.stopping;
  }

  private async run(reason: string): Promise<void> {
    const started = Date.now();
    logger.info({ reason, timeoutMs: this.options.timeoutMs }, "shutting down");
    const deadline = setTimeout(() => {
      logger.error({ reason, timeoutMs: this.options.timeoutMs }, "shutdown did not finish in time: exiting anyway");
      this.exit(1);
    }, this.options.timeoutMs);
    deadline.unref();
    this.options.onStopping();
    const drainMs = this.options.drainMs ?? 0;
    if (drainMs > 0) {
      logger.info({ drainMs }, "draining: readiness answers 503 while requests are still served");
      await new Promise((resolve) => setTimeout(resolve, drainMs));
    }
    let failed = false;
    for (const step of this.options.steps) {
      try {
        await step.run();
      } catch (error) {
        failed = true;
        logger.error({ err: error, step: step.name }, "shutdown step failed");
      }
    }
    clearTimeout(deadline);
    logger.info({ reason, ms: Date.now() - started }, "stopped");
    this.exit(failed ? 1 : 0);
  }
}
