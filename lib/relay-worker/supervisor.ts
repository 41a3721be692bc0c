import { fork, type ChildProcess } from "node:child_process";
import { getPriority, setPriority } from "node:os";
import { errorFields, log } from "@/lib/log";
import type { Nudge } from "@/lib/outbox/nudge";
import { WORKER_FLAG, type FromWorker, type ToWorker } from "./protocol";

// The server's side of the relay worker: a child process (lib/relay-worker/main.ts) that runs the
// embedded relay's lanes, so rendering and sending mail never takes the request thread's CPU. A
// process rather than a worker thread: it has its own heap and garbage collector, an operator can
// see and kill it, and `npm run relay` is the same program run on its own. The supervisor starts
// it, hands it nudges over IPC (no database round trip on a booking's path), restarts it with
// back-off when it dies, and on stop lets it finish the batches in hand.

export interface RelayWorkerEntry {
  /** The program to fork: the built bundle in production, the TypeScript source under tsx otherwise. */
  script: string;
  execArgv: string[];
}

export interface RelayWorkerOptions {
  entry: RelayWorkerEntry;
  /** The worker's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Restart back-off: the first delay, doubled per quick death up to maxMs; a worker that lived stableMs starts over. */
  restart?: { initialMs: number; maxMs: number; stableMs: number };
  /** stop() waits this long for the batches in hand, then kills the worker. */
  stopTimeoutMs?: number;
  /** Stop on SIGTERM/SIGINT (the server passes true; tests leave it off). */
  handleSignals?: boolean;
  /**
   * How much lower than the server's the worker's CPU priority is (Unix niceness added, 0 – 19):
   * when the CPU is short, requests go first and mail waits, instead of both slowing down.
   */
  nice?: number;
  onReady?: (holder: string, pid: number) => void;
  onDrain?: (message: Extract<FromWorker, { type: "drain" }>) => void;
}

export interface RelayWorker {
  /** The running worker's process id (undefined between a death and its restart). */
  readonly pid: number | undefined;
  /** How many workers were started, the first included. */
  readonly starts: number;
  /** Whether a worker is up and has said it is ready. */
  readonly ready: boolean;
  /** The running worker's lease holder name (it carries the worker's pid). */
  readonly holder: string | undefined;
  /** Passes a nudge to the worker; resolves when it is written (nudges coalesce behind it). */
  wake(nudge: Nudge): Promise<void>;
  /** Asks the worker to finish its batches in hand and exit; kills it after stopTimeoutMs. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_RESTART = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/** Starts the relay worker and keeps one running until stop(). */
export function startRelayWorker(options: RelayWorkerOptions): RelayWorker {
  const restart = options.restart ?? DEFAULT_RESTART;
  const stopTimeoutMs = options.stopTimeoutMs ?? 60_000;
  let child: ChildProcess | null = null;
  let ready = false;
  let holder: string | undefined;
  let starts = 0;
  let quickDeaths = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let stopped: Promise<void> | null = null;

  function spawn(): void {
    starts += 1;
    const startedAt = Date.now();
    const worker = fork(options.entry.script, [WORKER_FLAG], {
      execArgv: options.entry.execArgv,
      env: options.env ?? process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child = worker;
    ready = false;
    if (options.nice && worker.pid !== undefined) {
      try {
        setPriority(worker.pid, Math.min(19, getPriority() + options.nice));
      } catch (error) {
        // Not allowed here (some containers): the worker runs at the server's priority.
        log.warn("relay worker priority not lowered", { pid: worker.pid, nice: options.nice, ...errorFields(error) });
      }
    }
    worker.on("message", (message: FromWorker) => {
      if (message?.type === "ready") {
        ready = true;
        holder = message.holder;
        log.info("relay worker started", { pid: worker.pid, holder: message.holder, starts });
        options.onReady?.(message.holder, worker.pid ?? 0);
      } else if (message?.type === "drain") {
        options.onDrain?.(message);
      }
    });
    // A failed fork reports "error" and may or may not report "exit": handle the first of them.
    let gone = false;
    const onGone = (code: number | null, signal: NodeJS.Signals | null, error?: unknown) => {
      if (gone) return;
      gone = true;
      if (child === worker) {
        child = null;
        ready = false;
        holder = undefined;
      }
      if (stopping) return;
      quickDeaths = Date.now() - startedAt >= restart.stableMs ? 0 : quickDeaths + 1;
      const delay = Math.min(restart.maxMs, restart.initialMs * 2 ** Math.max(0, quickDeaths - 1));
      log.error("relay worker exited; restarting", { pid: worker.pid, code, signal, retryInMs: delay, ...(error ? errorFields(error) : {}) });
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        if (!stopping) spawn();
      }, delay);
    };
    worker.once("exit", (code, signal) => onGone(code, signal));
    worker.once("error", (error) => onGone(null, null, error));
  }

  function wake(nudge: Nudge): Promise<void> {
    const worker = child;
    // A worker that is not ready drains everything when it is: a nudge it misses is not lost.
    if (!worker || !ready || !worker.connected) return Promise.resolve();
    return new Promise((resolve) => {
      // An error here means the worker just died; its restart drains what this nudge was for.
      worker.send({ type: "wake", nudge } satisfies ToWorker, () => resolve());
    });
  }

  const signals: NodeJS.Signals[] = ["SIGTERM", "SIGINT"];
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().then(() => {
      // Nobody else is listening (e.g. not under `next start`): restore the default, exit.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  if (options.handleSignals) for (const signal of signals) process.once(signal, onSignal);

  function stop(): Promise<void> {
    if (stopped) return stopped;
    stopping = true;
    clearTimeout(restartTimer);
    if (options.handleSignals) for (const signal of signals) process.removeListener(signal, onSignal);
    const worker = child;
    stopped = !worker || worker.exitCode !== null || worker.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            log.error("relay worker did not stop in time; killing it", { pid: worker.pid, stopTimeoutMs });
            worker.kill("SIGKILL");
          }, stopTimeoutMs);
          worker.once("exit", () => {
            clearTimeout(timer);
            log.info("relay worker stopped", { pid: worker.pid });
            resolve();
          });
          if (worker.connected) worker.send({ type: "stop" } satisfies ToWorker, (error) => error && worker.kill("SIGTERM"));
          else worker.kill("SIGTERM");
        });
    return stopped;
  }

  spawn();
  return {
    get pid() {
      return child?.pid;
    },
    get starts() {
      return starts;
    },
    get ready() {
      return ready;
    },
    get holder() {
      return holder;
    },
    wake,
    stop,
  };
}
