import { endInstantOf } from '../../domain/civil-instants';
import type { PerformanceRecord, PerformingContract } from './contract-performance.ports';

/**
 * What a contract's performance adds to its view: the procurement it came from, the Art. 23 content, each milestone
 * with its acceptances (the latest one decides), payments and payment decisions, paid and outstanding amounts, the
 * flags of a serious listing, termination and completion.
 */
export function performanceView(c: PerformingContract, rec: PerformanceRecord) {
  const milestones = rec.milestones.map((m) => {
    const acceptances = rec.acceptances.filter((a) => a.sequence === m.sequence);
    const latest = acceptances[acceptances.length - 1] ?? null;
    return {
      sequence: m.sequence,
      title: m.title,
      deliverables: m.deliverables,
      dueOn: m.dueOn,
      dueBy: endInstantOf(m.dueOn),
      amountFen: m.amountFen,
      paidFen: m.paidFen,
      outstandingFen: m.amountFen - m.paidFen,
      acceptance: latest ? acceptanceView(latest) : null,
      acceptances: acceptances.map(acceptanceView),
      payments: rec.payments
        .filter((p) => p.sequence === m.sequence)
        .map((p) => ({ id: p.id, amountFen: p.amountFen, paidAt: p.paidAt.toISOString(), decisionId: p.decisionId, recordedBy: p.recordedBy, recordedAt: p.recordedAt.toISOString() })),
      decisions: rec.decisions
        .filter((d) => d.sequence === m.sequence)
        .map((d) => ({ id: d.id, decision: d.decision, reasons: d.reasons, flagEvidenceEventId: d.flagEventId, decidedBy: d.decidedBy, decidedAt: d.decidedAt.toISOString() })),
    };
  });
  const paidFen = rec.milestones.reduce((a, m) => a + m.paidFen, 0);
  return {
    procurementId: c.procurementId,
    ocid: c.ocid,
    budgetLineId: c.budgetLineId,
    content: c.content,
    milestones,
    totals: { valueFen: c.valueFen, paidFen, outstandingFen: c.valueFen - paidFen },
    flagged: c.flaggedAt !== null,
    flags: rec.flags.map((f) => ({ evidenceEventId: f.evidenceEventId, entryId: f.entryId, listedAt: f.listedAt.toISOString(), flaggedAt: f.flaggedAt.toISOString(), eventId: f.eventId })),
    termination: c.terminatedAt ? { terminatedAt: c.terminatedAt.toISOString(), reasons: c.terminationReasons ?? [], cause: c.terminationCause } : null,
    completedAt: c.completedAt?.toISOString() ?? null,
  };
}

function acceptanceView(a: PerformanceRecord['acceptances'][number]) {
  return {
    id: a.id,
    attempt: a.attempt,
    passed: a.passed,
    score: a.score,
    band: a.band,
    findings: a.findings,
    ruleVersion: a.ruleVersion,
    acceptedBy: a.acceptedBy,
    acceptedAt: a.acceptedAt.toISOString(),
    eventId: a.eventId,
  };
}
