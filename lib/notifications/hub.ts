import { errorFields, log } from "@/lib/log";

// One LISTEN per process, fanned out to every open dashboard stream: a connection per browser tab
// would exhaust the Postgres pool long before the app ran out of anything else.

export type SalonSignalListener = (salonId: string) => void;

export interface SalonSignalSource {
  /** Registers a listener; resolves to its unsubscribe once signals are flowing. */
  subscribe(listener: SalonSignalListener): Promise<() => void>;
}

export interface SalonSignalHub extends SalonSignalSource {
  listenerCount(): number;
  close(): Promise<void>;
}

export type SubscribeToSignals = (onSignal: SalonSignalListener) => Promise<() => Promise<void>>;

export function createSalonSignalHub(subscribeOnce: SubscribeToSignals): SalonSignalHub {
  const listeners = new Set<SalonSignalListener>();
  let upstream: Promise<() => Promise<void>> | null = null;

  const fanOut = (salonId: string) => {
    for (const listener of listeners) {
      try {
        listener(salonId);
      } catch (error) {
        log.error("dashboard signal listener failed", errorFields(error));
      }
    }
  };

  return {
    async subscribe(listener) {
      if (!upstream) {
        upstream = subscribeOnce(fanOut);
        // A failed LISTEN is retried by the next subscriber instead of being cached for good.
        upstream.catch(() => {
          upstream = null;
        });
      }
      await upstream;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    listenerCount: () => listeners.size,
    async close() {
      listeners.clear();
      const pending = upstream;
      upstream = null;
      if (pending) await (await pending.catch(() => async () => {}))();
    },
  };
}
