import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { freezeEvidence, lookBackWindow, type EvidenceBeforeExperts } from '../../domain/performance-evidence/performance-evidence';
import type { IndicatorFrameworkVersion } from '../../domain/procedure/indicator-frameworks';
import type { ProcedureRecord } from '../../domain/procedure/procedure';
import { PerformanceEvidenceStore, type FunctionItemFact } from './performance-evidence.ports';
import { performanceEvidenceView, type PerformanceEvidenceView } from './performance-evidence.view';

/** Reads an organization's performance evidence for the procedure's view, and freezes it at a step. */
@Injectable()
export class PerformanceEvidenceReader {
  constructor(
    private readonly store: PerformanceEvidenceStore,
    private readonly clock: Clock,
  ) {}

  /** The ids the experts have before them at `at`, in the step's transaction (the consumer writes under the same organization lock). */
  async freeze(tx: Tx, p: ProcedureRecord, at: Date): Promise<EvidenceBeforeExperts> {
    return freezeEvidence(await this.store.evidenceOf(tx, p.uscc), lookBackWindow(new Date(p.appliedAt), at));
  }

  /** The view of each procedure (of one organization), reading its evidence once. */
  async views(uscc: string, procedures: readonly { procedure: ProcedureRecord; framework: IndicatorFrameworkVersion | null }[]): Promise<PerformanceEvidenceView[]> {
    if (procedures.length === 0) return [];
    const items = await this.store.evidenceOf(null, uscc);
    // The catalogue item of a take-back: recorded with it, else from an agreement whose conclusion arrived later.
    const takeBacks = items.flatMap((e) => (e.details.kind === 'FUNCTION_TAKE_BACK' ? [e.details] : []));
    const itemOfAgreement = new Map<string, string>();
    for (const d of takeBacks) {
      const itemId = d.itemId ?? (await this.store.agreement(null, d.agreementId))?.itemId ?? null;
      if (itemId) itemOfAgreement.set(d.agreementId, itemId);
    }
    const functions = new Map<string, FunctionItemFact>((await this.store.functionItems(null, [...itemOfAgreement.values()])).map((f) => [f.itemId, f]));
    const now = this.clock.now();
    return procedures.map(({ procedure, framework }) =>
      performanceEvidenceView(
        procedure,
        framework,
        items.map((e) => (e.details.kind === 'FUNCTION_TAKE_BACK' && !e.details.itemId ? { ...e, details: { ...e.details, itemId: itemOfAgreement.get(e.details.agreementId) ?? null } } : e)),
        (itemId) => functions.get(itemId) ?? null,
        now,
      ),
    );
  }
}
