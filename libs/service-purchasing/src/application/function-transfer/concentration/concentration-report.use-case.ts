import { Injectable } from '@nestjs/common';
import { Clock, divisionPrefix } from '@sop/util';
import { concentrationOf } from '../../../domain/function-transfer/concentration';
import { transferRuleVersionOf } from '../../../domain/function-transfer/transfer-rules';
import type { TransferAgreement } from '../../../domain/function-transfer/transfer-agreement';
import { caseStats, type TransferCase } from '../../../domain/function-transfer/transfer-case';
import { FunctionTransferStore } from '../function-transfer.ports';
import { LIST_LIMIT } from '../records';
import { TransferRuleSets } from '../rule-sets/transfer-rule-sets.use-cases';

/**
 * The watch against a "second government" and monopoly (issue 12 item 7), per function area and jurisdiction:
 * each organization's share of undertaken functions (agreements not revoked, counted per catalogue item), of cases
 * and of agreement value; the HHI; alerts over the thresholds of the rule set in force; the override rate and the
 * overdue first reviews of each organization as warning signs. Public (departments, auditors, anyone).
 */
@Injectable()
export class ConcentrationReport {
  constructor(
    private readonly store: FunctionTransferStore,
    private readonly ruleSets: TransferRuleSets,
    private readonly clock: Clock,
  ) {}

  async report(jurisdiction: string, functionArea?: string) {
    const now = this.clock.now();
    const rules = await this.ruleSets.inForce(null, jurisdiction, now);
    const agreements = (await this.store.find<TransferAgreement>(null, 'AGREEMENT', { jurisdictionPrefix: divisionPrefix(jurisdiction) }, LIST_LIMIT * 10)).filter(
      (a) => a.status !== 'REVOKED' && (!functionArea || a.functionArea === functionArea),
    );
    const areas = [...new Set(agreements.map((a) => a.functionArea))].sort();
    const reports = [];
    for (const area of areas) {
      const inArea = agreements.filter((a) => a.functionArea === area);
      const byOrg = new Map<string, { agreements: TransferAgreement[]; cases: TransferCase[] }>();
      for (const a of inArea) {
        const entry = byOrg.get(a.uscc) ?? { agreements: [], cases: [] };
        entry.agreements.push(a);
        entry.cases.push(...(await this.store.find<TransferCase>(null, 'CASE', { parentId: a.id }, LIST_LIMIT * 100)));
        byOrg.set(a.uscc, entry);
      }
      const per = [...byOrg.entries()].map(([uscc, e]) => ({
        uscc,
        undertakenFunctions: new Set(e.agreements.map((a) => a.itemId)).size,
        cases: e.cases.length,
        valueFen: e.agreements.reduce((s, a) => s + a.valueFen, 0),
      }));
      const c = concentrationOf(per, rules);
      const warnings = [...byOrg.entries()].flatMap(([uscc, e]) => {
        const s = caseStats(e.cases, now);
        const out = [];
        if (s.overrideRatePercent !== null && s.overrideRatePercent > rules.concentration.overrideRateWarningPercent)
          out.push({ uscc, sign: 'OVERRIDE_RATE' as const, threshold: rules.concentration.overrideRateWarningPercent, value: s.overrideRatePercent });
        if (s.overdueFirstReviews >= rules.concentration.overdueFirstReviewsWarning)
          out.push({ uscc, sign: 'OVERDUE_FIRST_REVIEWS' as const, threshold: rules.concentration.overdueFirstReviewsWarning, value: s.overdueFirstReviews });
        return out;
      });
      const names = new Map(inArea.map((a) => [a.uscc, a.organizationName]));
      reports.push({ functionArea: area, ...c, shares: c.shares.map((s) => ({ ...s, name: names.get(s.uscc) ?? null })), warnings });
    }
    return { jurisdiction, functionArea: functionArea ?? null, asOf: now.toISOString(), ruleVersion: transferRuleVersionOf(rules), thresholds: rules.concentration, areas: reports };
  }
}
