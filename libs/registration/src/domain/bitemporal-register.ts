import { RegistrationErrors } from './registration.errors';

/** What a bitemporal read of the register needs of a history version: when it took effect and when it was recorded. */
export interface RecordedVersion {
  seq: number;
  effectiveAt: Date;
  recordedAt: Date;
}

/**
 * The register entry as the public could see it (regulations §1.1: establishment, changes and deregistration are
 * publicly announced, 社团条例 Art. 23; §5.3: the register is queried online): the version in effect at `asOf`
 * (effective time) among those recorded by `knownAt` (recording time). A change recorded on 10 May with effect from
 * 1 May is invisible at knownAt 5 May, even for asOf 3 May. Without `knownAt` every recorded version counts. On equal
 * effective instants the later sequence (the later record) wins. Null when no such version exists.
 */
export function versionInEffect<V extends RecordedVersion>(versions: readonly V[], asOf: Date, knownAt?: Date): V | null {
  const known = knownAt?.getTime() ?? Number.POSITIVE_INFINITY;
  let best: V | null = null;
  for (const v of versions) {
    if (v.recordedAt.getTime() > known || v.effectiveAt.getTime() > asOf.getTime()) continue;
    if (!best || v.effectiveAt.getTime() > best.effectiveAt.getTime() || (v.effectiveAt.getTime() === best.effectiveAt.getTime() && v.seq > best.seq)) best = v;
  }
  return best;
}

/**
 * A bitemporal read looks back: `knownAt` after now would be an answer that changes later (what will have been
 * recorded is not known yet), so it is refused with its own code.
 */
export function assertKnownAtNotInFuture(knownAt: Date, now: Date): void {
  if (knownAt.getTime() > now.getTime()) {
    throw new RegistrationErrors.KNOWN_AT_IN_FUTURE(`knownAt ${knownAt.toISOString()} lies in the future`, {
      violations: [{ field: 'knownAt', rule: 'notInFuture', message: `on or before ${now.toISOString()}` }],
    });
  }
}
