import { Injectable } from '@nestjs/common';
import { civilDateOf, Clock } from '@sop/util';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { ruleSetInForce, ruleVersionOf } from '../../domain/purchasing-rules';
import { barringMeasuresOf } from '../../domain/supplier-eligibility';
import { gradeInForce } from '../../domain/supplier-grade';
import { priorityReasons } from '../../domain/supplier-priority';
import { SupplierGradeStore, SupplierStore } from './suppliers.ports';

/** Reads a supplier as a purchaser sees it before signing: eligibility facts and priority (as of now). */
@Injectable()
export class SupplierProfile {
  constructor(
    private readonly suppliers: SupplierStore,
    private readonly grades: SupplierGradeStore,
    private readonly clock: Clock,
  ) {}

  /**
   * A supplier with its status, credit measures that bar it, grade in force and priority reasons (as of now: the
   * grade's validity and the rule set are judged on today's Beijing date, given as asOfDate beside asOf).
   */
  async supplierOf(uscc: string) {
    const s = await this.suppliers.supplier(null, uscc);
    if (!s) throw new PurchasingErrors.SUPPLIER_NOT_FOUND(`purchasing has no organization ${uscc}`);
    const now = this.clock.now();
    const rules = ruleSetInForce(now, 'now');
    const [measures, grades] = await Promise.all([this.suppliers.measures(null, uscc), this.grades.grades(null, uscc)]);
    const grade = gradeInForce(grades, now);
    const barringMeasures = barringMeasuresOf(measures, rules);
    const reasons = priorityReasons(s.category, grade, rules);
    return {
      uscc: s.uscc,
      name: s.name,
      form: s.form,
      category: s.category,
      registeringAuthority: s.registeringAuthority,
      registeredAt: s.registeredAt.toISOString(),
      registeredOn: civilDateOf(s.registeredAt),
      status: s.status,
      statusChangedAt: s.statusChangedAt?.toISOString() ?? null,
      categoryPriority: reasons.some((r) => r.code === 'DIRECT_REGISTRATION_CATEGORY'),
      barred: barringMeasures.length > 0,
      barringMeasures,
      jointMeasures: measures ? { lists: measures.lists, measures: measures.measures, effectiveFrom: measures.effectiveFrom, ruleVersion: measures.ruleVersion } : null,
      gradeInForce: grade,
      priority: reasons.length > 0,
      priorityReasons: reasons,
      ruleVersion: ruleVersionOf(rules),
      asOf: now.toISOString(),
      asOfDate: civilDateOf(now),
    };
  }
}
