import { Injectable } from '@nestjs/common';
import { Between, DataSource, In, IsNull, Like, Not } from 'typeorm';
import type { OrganizationForm, Regime, UnitRole } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { RegistrationApplication, type ApplicationState } from '../domain/registration-application';
import type { RuleSetVersion } from '../domain/registration-policy';
import type { ApplicationFact } from '../domain/regime-metrics';
import { RegistrationStore, type OrganizationRecord, type OrganizationVersion, type PersonalDataRecord } from '../application/registration.ports';
import {
  ApplicationOrmEntity,
  OrganizationOrmEntity,
  OrganizationVersionOrmEntity,
  PersonalDataOrmEntity,
  PolicyActivationOrmEntity,
  PolicyVersionOrmEntity,
  RegimeRuleOrmEntity,
} from './registration.orm-entities';
import { allocateUscc } from './uscc-allocator';

function toRow(s: Readonly<ApplicationState>): ApplicationOrmEntity {
  return {
    id: s.id,
    proposedName: s.proposedName,
    form: s.form,
    category: s.category,
    registeringAuthority: s.registeringAuthority,
    domicile: s.domicile,
    purpose: s.purpose,
    legalRepresentativeName: s.legalRepresentativeName,
    registeredCapitalFen: s.registeredCapitalFen,
    regime: s.regime,
    policyVersion: s.policyVersion,
    status: s.status,
    submittedBy: s.submittedBy,
    submittedAt: s.submittedAt,
    decisionDueBy: s.decisionDueBy,
    decidedAt: s.decidedAt,
    decidedBy: s.decidedBy,
    uscc: s.uscc,
    individualMembers: s.individualMembers,
    unitMembers: s.unitMembers,
    foundationType: s.foundationType,
    unitId: s.unit?.id ?? null,
    unitName: s.unit?.name ?? null,
    unitRole: s.unit?.role ?? null,
    regimeSource: s.regimeSource,
    checksVersion: s.checksVersion,
    consentStatus: s.consentStatus,
    consentDecidedBy: s.consentDecidedBy,
    consentDecidedAt: s.consentDecidedAt,
    consentReasons: s.consentReasons.length ? JSON.stringify(s.consentReasons) : null,
    decisionReasons: s.decisionReasons.length ? JSON.stringify(s.decisionReasons) : null,
    decisionLegalBasis: s.decisionLegalBasis,
    reroutedFromPolicyVersion: s.reroutedFromPolicyVersion,
  };
}

function fromRow(r: ApplicationOrmEntity): RegistrationApplication {
  const { unitId, unitName, unitRole, consentReasons, decisionReasons, ...rest } = r;
  return RegistrationApplication.restore({
    ...rest,
    unit: unitId && unitName && unitRole ? { id: unitId, name: unitName, role: unitRole } : null,
    regimeSource: r.regimeSource ?? '',
    checksVersion: r.checksVersion ?? '',
    consentStatus: r.consentStatus ?? 'NOT_REQUIRED',
    consentReasons: consentReasons ? (JSON.parse(consentReasons) as string[]) : [],
    decisionReasons: decisionReasons ? (JSON.parse(decisionReasons) as string[]) : [],
  });
}

@Injectable()
export class TypeOrmRegistrationStore extends RegistrationStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async saveApplication(tx: Tx, application: RegistrationApplication): Promise<void> {
    await tx.manager.save(ApplicationOrmEntity, toRow(application.snapshot));
  }

  async findApplication(tx: Tx | null, id: string, forUpdate = false): Promise<RegistrationApplication | null> {
    const manager = tx?.manager ?? this.ds.manager;
    const row =
      tx && forUpdate && this.ds.options.type !== 'better-sqlite3'
        ? await manager.createQueryBuilder(ApplicationOrmEntity, 'a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne()
        : await manager.findOneBy(ApplicationOrmEntity, { id });
    return row ? fromRow(row) : null;
  }

  async listApplicationsNamingUnit(unitId: string, limit: number): Promise<RegistrationApplication[]> {
    const rows = await this.ds.manager.find(ApplicationOrmEntity, { where: { unitId }, order: { submittedAt: 'DESC' }, take: limit });
    return rows.map(fromRow);
  }

  async listPendingApplications(tx: Tx, prefix: string): Promise<RegistrationApplication[]> {
    const rows = await tx.manager.findBy(ApplicationOrmEntity, {
      status: In(['AWAITING_CONSENT', 'SUBMITTED']),
      regime: 'DUAL_MANAGEMENT',
      registeringAuthority: Like(`${prefix}%`),
    });
    return rows.map(fromRow);
  }

  async nameTaken(tx: Tx, registeringAuthority: string, name: string, exceptApplicationId?: string): Promise<boolean> {
    const org = await tx.manager.existsBy(OrganizationOrmEntity, { registeringAuthority, name });
    if (org) return true;
    return tx.manager.existsBy(ApplicationOrmEntity, {
      registeringAuthority,
      proposedName: name,
      status: In(['AWAITING_CONSENT', 'SUBMITTED']),
      ...(exceptApplicationId ? { id: Not(exceptApplicationId) } : {}),
    });
  }

  allocateUscc(tx: Tx, form: OrganizationForm, registeringAuthority: string): Promise<string> {
    return allocateUscc(tx.manager, form, registeringAuthority);
  }

  async insertOrganization(tx: Tx, organization: OrganizationRecord): Promise<void> {
    await tx.manager.insert(OrganizationOrmEntity, { ...organization } as OrganizationOrmEntity);
  }

  async updateOrganizationUnit(tx: Tx, uscc: string, change: { unitRole: UnitRole; regime: Regime; policyVersion: string }): Promise<void> {
    await tx.manager.update(OrganizationOrmEntity, { uscc }, change);
  }

  async findOrganization(uscc: string): Promise<OrganizationRecord | null> {
    return this.ds.manager.findOneBy(OrganizationOrmEntity, { uscc });
  }

  async lockOrganization(tx: Tx, uscc: string): Promise<OrganizationRecord | null> {
    if (this.ds.options.type === 'better-sqlite3') return tx.manager.findOneBy(OrganizationOrmEntity, { uscc });
    return tx.manager.createQueryBuilder(OrganizationOrmEntity, 'o').setLock('pessimistic_write').where('o.uscc = :uscc', { uscc }).getOne();
  }

  async updateOrganization(tx: Tx, uscc: string, patch: Partial<Omit<OrganizationRecord, 'uscc'>>): Promise<void> {
    await tx.manager.update(OrganizationOrmEntity, { uscc }, patch);
  }

  async appendOrganizationVersion(tx: Tx, v: Omit<OrganizationVersion, 'seq'>): Promise<void> {
    const last = await tx.manager.findOne(OrganizationVersionOrmEntity, { where: { uscc: v.uscc }, order: { seq: 'DESC' } });
    await tx.manager.insert(OrganizationVersionOrmEntity, {
      uscc: v.uscc,
      seq: (last?.seq ?? 0) + 1,
      changeType: v.changeType,
      effectiveAt: v.effectiveAt,
      recordedAt: v.recordedAt,
      recordedBy: v.recordedBy,
      entry: JSON.stringify(v.entry),
      details: v.details ? JSON.stringify(v.details) : null,
    });
  }

  async organizationHistory(uscc: string): Promise<OrganizationVersion[]> {
    const rows = await this.ds.manager.find(OrganizationVersionOrmEntity, { where: { uscc }, order: { seq: 'ASC' } });
    return rows.map((r) => ({
      uscc: r.uscc,
      seq: r.seq,
      changeType: r.changeType,
      effectiveAt: r.effectiveAt,
      recordedAt: r.recordedAt,
      recordedBy: r.recordedBy,
      entry: JSON.parse(r.entry),
      details: r.details ? JSON.parse(r.details) : null,
    }));
  }

  async listOrganizationsWithSupervisingUnit(tx: Tx, prefix: string): Promise<OrganizationRecord[]> {
    return tx.manager.find(OrganizationOrmEntity, {
      where: { unitRole: 'BUSINESS_SUPERVISING_UNIT', status: 'REGISTERED', registeringAuthority: Like(`${prefix}%`) },
      order: { uscc: 'ASC' },
    });
  }

  async applicationFacts(prefix: string, from: Date, to: Date): Promise<ApplicationFact[]> {
    const rows = await this.ds.manager.find(ApplicationOrmEntity, {
      select: { regime: true, status: true, submittedAt: true, consentDecidedAt: true, decidedAt: true },
      where: { registeringAuthority: Like(`${prefix}%`), submittedAt: Between(from, new Date(to.getTime() - 1)) },
    });
    return rows.map((r) => ({ regime: r.regime, status: r.status, submittedAt: r.submittedAt, consentDecidedAt: r.consentDecidedAt, decidedAt: r.decidedAt }));
  }

  async savePersonalData(tx: Tx, rows: PersonalDataRecord[]): Promise<void> {
    if (rows.length) await tx.manager.insert(PersonalDataOrmEntity, rows);
  }

  async findPersonalData(applicationId: string): Promise<PersonalDataRecord[]> {
    const rows = await this.ds.manager.find(PersonalDataOrmEntity, { where: { applicationId, uscc: IsNull() }, order: { personRole: 'ASC', position: 'ASC' } });
    return rows.map(({ id: _id, ...r }) => r);
  }

  async legalRepresentativesOf(tx: Tx | null, applicationId: string): Promise<PersonalDataRecord[]> {
    const rows = await (tx?.manager ?? this.ds.manager).find(PersonalDataOrmEntity, {
      where: { applicationId, personRole: 'LEGAL_REPRESENTATIVE' },
      order: { position: 'ASC' },
    });
    return rows.map(({ id: _id, ...r }) => r);
  }

  async supersedeLegalRepresentative(tx: Tx, applicationId: string, at: Date): Promise<void> {
    await tx.manager.update(PersonalDataOrmEntity, { applicationId, personRole: 'LEGAL_REPRESENTATIVE', supersededAt: IsNull() }, { supersededAt: at });
  }

  async legalRepresentativeOfSocialGroup(tx: Tx, idNumberIndex: string, exceptApplicationId?: string): Promise<boolean> {
    const qb = tx.manager
      .createQueryBuilder(PersonalDataOrmEntity, 'p')
      .innerJoin(ApplicationOrmEntity, 'a', 'a.id = p.application_id')
      .where('p.id_number_index = :idx', { idx: idNumberIndex })
      .andWhere("p.person_role = 'LEGAL_REPRESENTATIVE'")
      .andWhere("a.form = 'SOCIAL_GROUP'")
      .andWhere("a.status IN ('AWAITING_CONSENT', 'SUBMITTED', 'APPROVED')")
      // Only the current legal representative, and only of a group still registered (社团条例 Art. 12).
      .andWhere('p.superseded_at IS NULL')
      .andWhere("NOT EXISTS (SELECT 1 FROM organization o WHERE o.application_id = a.id AND o.status <> 'REGISTERED')");
    if (exceptApplicationId) qb.andWhere('a.id <> :except', { except: exceptApplicationId });
    return (await qb.getCount()) > 0;
  }

  async policyVersions(tx: Tx | null): Promise<RuleSetVersion[]> {
    const manager = tx?.manager ?? this.ds.manager;
    const versions = await manager.find(PolicyVersionOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC' } });
    const rules = await manager.find(RegimeRuleOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC', position: 'ASC' } });
    return versions.map((v) => ({
      ...v,
      rules: rules
        .filter((r) => r.ruleSetId === v.ruleSetId && r.version === v.version)
        .map((r) => ({ form: r.form, category: r.category, regime: r.regime, source: r.source })),
    }));
  }

  async insertPolicyVersion(tx: Tx, v: RuleSetVersion): Promise<void> {
    const { rules, ...version } = v;
    await tx.manager.insert(PolicyVersionOrmEntity, version);
    await tx.manager.insert(
      RegimeRuleOrmEntity,
      rules.map((r, position) => ({ ruleSetId: v.ruleSetId, version: v.version, position, ...r })),
    );
  }

  async recordActivation(tx: Tx, ruleSetId: string, version: number, at: Date, organizationsConverted: number, applicationsRerouted: number): Promise<boolean> {
    try {
      await tx.manager.insert(PolicyActivationOrmEntity, { ruleSetId, version, activatedAt: at, organizationsConverted, applicationsRerouted });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async updateActivationCounts(tx: Tx, ruleSetId: string, version: number, organizationsConverted: number, applicationsRerouted: number): Promise<void> {
    await tx.manager.update(PolicyActivationOrmEntity, { ruleSetId, version }, { organizationsConverted, applicationsRerouted });
  }

  async activatedVersions(tx: Tx | null): Promise<Set<string>> {
    const manager = tx?.manager ?? this.ds.manager;
    const rows = await manager.find(PolicyActivationOrmEntity);
    return new Set(rows.map((r) => `${r.ruleSetId}@v${r.version}`));
  }
}
