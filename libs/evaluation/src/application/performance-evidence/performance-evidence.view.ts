import { evidenceInWindow, lookBackRuleByVersion, lookBackWindow, CURRENT_LOOK_BACK_RULE, type PerformanceEvidence } from '../../domain/performance-evidence/performance-evidence';
import type { IndicatorFrameworkVersion } from '../../domain/procedure/indicator-frameworks';
import type { ProcedureRecord } from '../../domain/procedure/procedure';
import type { FunctionItemFact } from './performance-evidence.ports';

/** The catalogue item a take-back concerns, as far as evaluation knows it. */
export type FunctionOf = (itemId: string) => FunctionItemFact | null;

/** The item named by a take-back: its description when a stage move of it was consumed, else its id alone. */
function functionView(itemId: string | null, functionOf: FunctionOf) {
  if (!itemId) return null;
  const f = functionOf(itemId);
  return f ? { itemId, title: f.title, functionArea: f.functionArea, kindOfAct: f.kindOfAct, jurisdiction: f.jurisdiction } : { itemId, title: null, functionArea: null, kindOfAct: null, jurisdiction: null };
}

function itemView(e: PerformanceEvidence, functionOf: FunctionOf, known: ReadonlySet<string>) {
  const { kind, ...details } = e.details;
  return {
    evidenceId: e.evidenceId,
    kind,
    occurredAt: e.occurredAt.toISOString(),
    adverse: e.adverse,
    ...details,
    ...(e.details.kind === 'FUNCTION_TAKE_BACK' ? { function: functionView(e.details.itemId, functionOf) } : {}),
    recordedAt: e.recordedAt.toISOString(),
    /** Among the items frozen at the field assessment (what the experts had before them). */
    beforeExperts: known.has(e.evidenceId),
  };
}

/**
 * The procedure's performance evidence (issue 12 item 5): the items of the look-back window — from the application's
 * Beijing date less the rule's years up to the announcement, or now while the procedure runs — beside the section of
 * the framework they concern, and what the experts had before them at the field assessment and at each score sheet
 * (ids frozen in the record, so an auditor sees what was known then). Shown to the committee, experts, the
 * organization itself and auditors; never on the public grade card.
 */
export function performanceEvidenceView(p: ProcedureRecord, framework: IndicatorFrameworkVersion | null, items: readonly PerformanceEvidence[], functionOf: FunctionOf, now: Date) {
  const frozen = p.fieldAssessment?.evidence ?? null;
  const rule = frozen ? lookBackRuleByVersion(frozen.ruleVersion) : CURRENT_LOOK_BACK_RULE;
  const until = p.announcement ? new Date(p.announcement.announcedAt) : now;
  const window = lookBackWindow(new Date(p.appliedAt), until, rule);
  const inWindow = evidenceInWindow(items, window);
  const known = new Set(frozen?.evidenceIds ?? []);
  const sectionCode = framework ? rule.sectionByForm[framework.form] : null;
  const section = framework?.sections.find((s) => s.section === sectionCode);
  return {
    ruleVersion: rule.ruleVersion,
    lookBack: { years: rule.years, fromDate: window.fromDate, until: window.until.toISOString() },
    section: section ? { section: section.section, name: section.name, indicators: section.indicators.map((i) => i.code) } : null,
    source: rule.source,
    note: rule.note,
    adverseCount: inWindow.filter((e) => e.adverse).length,
    items: inWindow.map((e) => itemView(e, functionOf, known)),
    beforeExperts: {
      fieldAssessment: frozen,
      scoreSheets: [...p.sheets].sort((a, b) => a.expert.localeCompare(b.expert)).map((s) => ({ expert: s.expert, scoredAt: s.scoredAt, evidence: s.evidence ?? null })),
    },
  };
}

export type PerformanceEvidenceView = ReturnType<typeof performanceEvidenceView>;
