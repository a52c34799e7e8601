import type { TransferRuleSet } from './transfer-rules';

export interface OrganizationShare {
  uscc: string;
  undertakenFunctions: number;
  cases: number;
  valueFen: number;
  /** Shares in % (one decimal). */
  functionsPercent: number;
  casesPercent: number;
  valuePercent: number;
}

export interface ConcentrationAlert {
  measure: 'functions' | 'cases' | 'value';
  rule: 'HHI_ABOVE' | 'SHARE_ABOVE';
  threshold: number;
  value: number;
  uscc: string | null;
}

/** Herfindahl–Hirschman index: the sum of squared shares in % (0–10 000; a monopoly is 10 000). */
export function hhi(amounts: readonly number[]): number {
  const total = amounts.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  return Math.round(amounts.reduce((s, a) => s + ((a / total) * 100) ** 2, 0));
}

const pct = (part: number, total: number) => (total > 0 ? Math.round((part / total) * 1000) / 10 : 0);

/**
 * The watch against monopoly (issue 12 item 7): per organization its share of undertaken functions (agreements in
 * force), of cases and of agreement value; the HHI of each measure; alerts where the rule set's thresholds are passed.
 */
export function concentrationOf(per: readonly { uscc: string; undertakenFunctions: number; cases: number; valueFen: number }[], rules: TransferRuleSet) {
  const tot = {
    functions: per.reduce((s, o) => s + o.undertakenFunctions, 0),
    cases: per.reduce((s, o) => s + o.cases, 0),
    value: per.reduce((s, o) => s + o.valueFen, 0),
  };
  const shares: OrganizationShare[] = per
    .map((o) => ({ ...o, functionsPercent: pct(o.undertakenFunctions, tot.functions), casesPercent: pct(o.cases, tot.cases), valuePercent: pct(o.valueFen, tot.value) }))
    .sort((a, b) => b.functionsPercent - a.functionsPercent || b.casesPercent - a.casesPercent || a.uscc.localeCompare(b.uscc));
  const index = { functions: hhi(per.map((o) => o.undertakenFunctions)), cases: hhi(per.map((o) => o.cases)), value: hhi(per.map((o) => o.valueFen)) };
  const c = rules.concentration;
  const alerts: ConcentrationAlert[] = [];
  for (const measure of ['functions', 'cases', 'value'] as const) {
    if (tot[measure] > 0 && index[measure] > c.hhiAlert) alerts.push({ measure, rule: 'HHI_ABOVE', threshold: c.hhiAlert, value: index[measure], uscc: null });
    for (const s of shares) {
      const share = measure === 'functions' ? s.functionsPercent : measure === 'cases' ? s.casesPercent : s.valuePercent;
      if (share > c.shareAlertPercent) alerts.push({ measure, rule: 'SHARE_ABOVE', threshold: c.shareAlertPercent, value: share, uscc: s.uscc });
    }
  }
  return { totals: { undertakenFunctions: tot.functions, cases: tot.cases, valueFen: tot.value }, shares, hhi: index, alerts };
}
