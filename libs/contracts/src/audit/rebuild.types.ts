/** An event as the auditor's rebuild reads it off a topic (the CloudEvent fields it needs). */
export interface AuditEvent {
  type: string;
  source: string;
  subject: string;
  data: unknown;
  sequence?: string;
}

/**
 * How an auditor rebuilds one service's public state from its topics alone and compares it with the service's answers
 * (issue 13 item 7). Pure: the command (messaging's audit rebuild) reads the topics and calls the service.
 */
export interface AuditRebuilder<T = unknown> {
  /** The producer whose events are folded (CloudEvents source), and the topics read from their beginning. */
  source: string;
  topics: string[];
  /** The state per subject (the USCC), folded from the events in the order read (per subject: partition order). */
  rebuild(events: AuditEvent[]): Map<string, T>;
  /** The service's answers to compare with, relative to its base URL (GET, JSON). */
  answerPaths(subject: string): string[];
  /** What differs between the rebuilt state and the answers (in answerPaths order; null for a 404), `asOf` a Beijing date. */
  differences(rebuilt: T, answers: unknown[], asOf: string): string[];
}

/** Compares named fields of two records, naming each that differs. */
export function fieldDifferences(what: string, rebuilt: Record<string, unknown>, answer: Record<string, unknown> | undefined, fields: readonly string[]): string[] {
  if (!answer) return [`${what}: missing in the service's answer`];
  return fields
    .filter((f) => JSON.stringify(rebuilt[f] ?? null) !== JSON.stringify(answer[f] ?? null))
    .map((f) => `${what}.${f}: rebuilt ${JSON.stringify(rebuilt[f] ?? null)}, service ${JSON.stringify(answer[f] ?? null)}`);
}
