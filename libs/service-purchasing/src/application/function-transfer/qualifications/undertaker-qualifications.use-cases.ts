import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UndertakerQualificationGranted } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { civilDateOf, Clock, divisionPrefix, jurisdictionCovers } from '@sop/util';
import { randomUUID } from 'node:crypto';
import { FunctionTransferErrors } from '../../../domain/function-transfer/function-transfer.errors';
import { evaluateQualification, qualificationInForce, validityOf, type UndertakerFacts, type UndertakerQualification } from '../../../domain/function-transfer/qualification';
import { PurchasingErrors } from '../../../domain/purchasing.errors';
import { gradeInForce } from '../../../domain/supplier-grade';
import { SupplierGradeStore, SupplierStore } from '../../suppliers/suppliers.ports';
import { FunctionTransferStore } from '../function-transfer.ports';
import { keysOf, LIST_LIMIT } from '../records';
import { TransferRuleSets } from '../rule-sets/transfer-rule-sets.use-cases';
import { qualificationView } from './qualification.view';

/**
 * Civil affairs' catalogue of organizations qualified to undertake transferred functions (regulations §8 item 2).
 * A registrar (the civil-affairs registration authority that registers and supervises social organizations) grants
 * a qualification for an organization its jurisdiction covers, against the rules in force, reading the facts this
 * service keeps from registration, credit and evaluation events; the evaluation is frozen with the grant.
 */
@Injectable()
export class UndertakerQualifications {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FunctionTransferStore,
    private readonly suppliers: SupplierStore,
    private readonly grades: SupplierGradeStore,
    private readonly ruleSets: TransferRuleSets,
    private readonly clock: Clock,
  ) {}

  async grant(uscc: string, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      // Serialized with credit measures and status changes of the organization: the grant reads committed facts.
      await this.suppliers.lockSupplierFacts(tx, uscc);
      const facts = await this.factsOf(tx, uscc, now);
      if (!jurisdictionCovers(principal.jurisdiction, facts.registeringAuthority))
        throw new AuthErrors.OUT_OF_JURISDICTION(`organization ${uscc} is registered by ${facts.registeringAuthority}, outside your jurisdiction ${principal.jurisdiction}`);
      const held = await this.store.find<UndertakerQualification>(tx, 'QUALIFICATION', { uscc, status: 'ACTIVE' }, LIST_LIMIT);
      const inForce = held.find((q) => qualificationInForce(q, civilDateOf(now)));
      if (inForce)
        throw new FunctionTransferErrors.ALREADY_QUALIFIED(`organization ${uscc} is qualified until ${inForce.validTo}`, { field: 'uscc', rule: 'one qualification in force', extensions: { qualificationId: inForce.id } });
      const rules = await this.ruleSets.inForce(tx, facts.registeringAuthority, now);
      const evaluation = evaluateQualification(facts, rules, now);
      if (!evaluation.qualified)
        throw new FunctionTransferErrors.QUALIFICATION_REFUSED(`organization ${uscc} fails ${evaluation.rules.filter((r) => r.outcome === 'FAIL').map((r) => r.rule).join(', ')}`, {
          field: 'uscc',
          rule: `qualification rules ${evaluation.ruleVersion} (regulations §8 item 2)`,
          extensions: { rules: evaluation.rules, ruleVersion: evaluation.ruleVersion },
        });
      const { validFrom, validTo } = validityOf(now, rules);
      const id = randomUUID();
      const event = await tx.publish(UndertakerQualificationGranted, {
        subject: id,
        data: {
          qualificationId: id,
          uscc,
          jurisdiction: facts.registeringAuthority,
          validFrom,
          validTo,
          evidence: { rules: evaluation.rules, asOf: evaluation.asOf },
          ruleVersion: evaluation.ruleVersion,
          grantedBy: principal.subject,
          grantedAt: now.toISOString(),
        },
      });
      const q: UndertakerQualification = {
        id,
        uscc,
        name: facts.name,
        jurisdiction: facts.registeringAuthority,
        validFrom,
        validTo,
        status: 'ACTIVE',
        evaluation,
        grantedBy: principal.subject,
        grantedAt: now.toISOString(),
        suspension: null,
        revision: 1,
        eventId: event.id,
      };
      await this.store.insert(tx, 'QUALIFICATION', keysOf.QUALIFICATION(q), q, now);
      return qualificationView(q, now);
    });
  }

  async qualification(id: string) {
    const q = await this.store.get<UndertakerQualification>(null, 'QUALIFICATION', id);
    if (!q) throw new FunctionTransferErrors.QUALIFICATION_NOT_FOUND(`no undertaker qualification ${id}`);
    return qualificationView(q, this.clock.now());
  }

  /** Public: the catalogue of qualified organizations (all qualifications, with whether each is in force). */
  async list(filter: { uscc?: string; jurisdiction?: string }) {
    const now = this.clock.now();
    const items = await this.store.find<UndertakerQualification>(null, 'QUALIFICATION', { uscc: filter.uscc, jurisdictionPrefix: filter.jurisdiction ? divisionPrefix(filter.jurisdiction) : undefined }, LIST_LIMIT + 1);
    return { items: items.slice(0, LIST_LIMIT).map((q) => qualificationView(q, now)), truncated: items.length > LIST_LIMIT };
  }

  /** Public: the rule versions qualifications and the concentration watch are decided by. */
  async rules() {
    return { versions: await this.ruleSets.versions(null) };
  }

  private async factsOf(tx: Tx, uscc: string, now: Date): Promise<UndertakerFacts> {
    const s = await this.suppliers.supplier(tx, uscc);
    if (!s)
      throw new PurchasingErrors.SUPPLIER_UNKNOWN(`purchasing knows no registered social organization ${uscc}`, { field: 'uscc', rule: 'the undertaker is a registered social organization (regulations §8 item 2)' });
    const [measures, grades] = await Promise.all([this.suppliers.measures(tx, uscc), this.grades.grades(tx, uscc)]);
    return {
      uscc,
      name: s.name,
      registeringAuthority: s.registeringAuthority,
      status: s.status,
      registrationEventId: s.registrationEventId ?? null,
      statusEventId: s.statusEventId ?? null,
      measures,
      grade: gradeInForce(grades, now),
    };
  }
}
