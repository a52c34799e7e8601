/** What an OutboxRelay is configured with and what it reports (metrics, alerts, health). */

/** One published batch, for the service's metrics: how long the broker took, and each event's time in the outbox. */
export interface RelayBatchReport {
  publishMs: number;
  events: { type: string; createdAt: Date }[];
  publishedAt: Date;
}

/** An event the relay set aside (outbox_quarantine), for the alert and the metrics. */
export interface QuarantineReport {
  eventId: string;
  type: string;
  reason: string;
  /** Chained before the broker refused it: its sequence is missing on the wire. */
  chained: boolean;
}

/** The broker's default max.message.bytes (1 MiB and a few bytes of record overhead): the relay stays under it. */
export const DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

/**
 * Rows chained and read per round (default 1000). Larger rounds cost fewer statements per event; a round is one
 * chain transaction and one read, then sends of at most maxBatchBytes each (~800 events of 1 KB per MiB).
 */
export const DEFAULT_BATCH_SIZE = 1000;

export interface OutboxRelayOptions {
  serviceName: string;
  /** Rows chained and read per round: DEFAULT_BATCH_SIZE (1000). */
  batchSize?: number;
  /**
   * Upper bound of one publish, in bytes (keys, values, headers and record overhead estimated): the broker's (or the
   * topics') max.message.bytes. Batches are cut to stay under it; a single event over it is quarantined unchained.
   * Default 1 MiB.
   */
  maxBatchBytes?: number;
  /** Called for each event set aside (an alert: nothing downstream hears of it until an operator acts). */
  onQuarantined?: (report: QuarantineReport) => void;
  /**
   * Leadership lease (MySQL): how long a lease lasts without renewal, and how often the leader renews it. A standby
   * takes over at most leaseTtlMs + standbyPollMs after the leader last renewed. Defaults 15 s, 5 s and 2 s.
   */
  leaseTtlMs?: number;
  leaseRenewMs?: number;
  standbyPollMs?: number;
  /** Fallback poll interval; normally the relay is woken right after a commit. */
  pollIntervalMs?: number;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
  /** Called after each batch the broker accepted. */
  onPublished?: (report: RelayBatchReport) => void;
}

/** Relay state for health checks: a relay failing round after round for this long is reported down. */
export const RELAY_FAILING_DOWN_AFTER_MS = 60_000;
