import type { CloudEvent, NewEvent, Tx, UnitOfWork } from '@sop/messaging';
import { ComplianceFactsStore, type AnnualReportRecord, type PenaltyRecord } from '../application/compliance/compliance.ports';
import { CreditMeasuresStore, type CreditMeasuresRecord } from '../application/credit-measures/credit-measures.ports';
import { GradeStore, type GradeAdjustmentRecord } from '../application/grades/grades.ports';
import { OrganizationStore, type EvaluationOrganization, type InvestigationRecord, type RegisteredOrganization } from '../application/organizations/organizations.ports';
import { VerificationCaseStore, type CaseStatus, type VerificationCase } from '../application/verification-cases/verification-cases.ports';
import type { GradeRecord } from '../domain/grade';
import type { EndedRegistrationStatus } from '../domain/registration-status';

/** Organizations in a map; nothing to lock (one test at a time). */
export class InMemoryOrganizationStore extends OrganizationStore {
  readonly orgs = new Map<string, EvaluationOrganization>();
  async organization(_tx: Tx | null, uscc: string) {
    const o = this.orgs.get(uscc);
    return o ? { ...o } : null;
  }
  async lockOrganization(): Promise<void> {
    // one test at a time: nothing to lock
  }
  async saveRegistered(_tx: Tx, { lastEventId: _event, ...org }: RegisteredOrganization): Promise<void> {
    const known = this.orgs.get(org.uscc);
    this.orgs.set(org.uscc, { registrationStatus: 'ACTIVE', registrationStatusAt: null, registrationStatusEventId: null, ...known, ...org });
  }
  async setInvestigation(_tx: Tx, uscc: string, investigation: InvestigationRecord): Promise<void> {
    const o = this.orgs.get(uscc);
    if (o) this.orgs.set(uscc, { ...o, investigation: { ...investigation } });
  }
  async setRegistrationStatus(_tx: Tx, uscc: string, status: EndedRegistrationStatus, at: Date, eventId: string): Promise<void> {
    const o = this.orgs.get(uscc);
    if (o) this.orgs.set(uscc, { ...o, registrationStatus: status, registrationStatusAt: at, registrationStatusEventId: eventId });
  }
}

/** Grades and their adjustments in lists (the award records are not kept: no unit test reads them). */
export class InMemoryGradeStore extends GradeStore {
  readonly gradeRows: GradeRecord[] = [];
  async grades(_tx: Tx | null, uscc: string) {
    return this.gradeRows.filter((g) => g.uscc === uscc);
  }
  async grade(_tx: Tx | null, gradeId: string) {
    return this.gradeRows.find((g) => g.gradeId === gradeId) ?? null;
  }
  readonly adjustmentRows: GradeAdjustmentRecord[] = [];
  async insertGrade(_tx: Tx, grade: GradeRecord): Promise<void> {
    this.gradeRows.push({ ...grade });
  }
  async updateGrade(_tx: Tx, gradeId: string, fields: Partial<Pick<GradeRecord, 'grade' | 'status' | 'supersededByGradeId'>>): Promise<void> {
    const g = this.gradeRows.find((r) => r.gradeId === gradeId);
    if (g) Object.assign(g, fields);
  }
  async gradesDueToExpire(before: string, limit: number) {
    return this.gradeRows.filter((g) => g.status === 'ACTIVE' && g.validUntil < before && !g.expiryPublishedAt).slice(0, limit);
  }
  async markExpiryPublished(_tx: Tx, gradeId: string, at: Date): Promise<boolean> {
    const g = this.gradeRows.find((r) => r.gradeId === gradeId);
    if (!g || g.expiryPublishedAt) return false;
    g.expiryPublishedAt = at.toISOString();
    return true;
  }
  async insertAdjustment(_tx: Tx, adjustment: GradeAdjustmentRecord): Promise<void> {
    this.adjustmentRows.push({ ...adjustment });
  }
  async adjustmentsOf(_tx: Tx | null, uscc: string): Promise<GradeAdjustmentRecord[]> {
    return this.adjustmentRows.filter((a) => a.uscc === uscc);
  }
}

/** One measure set per organization in a map. */
export class InMemoryCreditMeasuresStore extends CreditMeasuresStore {
  readonly rows = new Map<string, CreditMeasuresRecord>();
  async creditMeasures(_tx: Tx | null, uscc: string) {
    return this.rows.get(uscc) ?? null;
  }
  async saveCreditMeasures(_tx: Tx, record: CreditMeasuresRecord): Promise<void> {
    this.rows.set(record.uscc, record);
  }
}

/** Verification cases in a map (every case listed, whatever the filter). */
export class InMemoryVerificationCaseStore extends VerificationCaseStore {
  readonly caseRows = new Map<string, VerificationCase>();
  async openCasesOfGrade(_tx: Tx, gradeId: string) {
    return [...this.caseRows.values()].filter((c) => c.gradeId === gradeId && c.status === 'OPEN');
  }
  async verificationCase(_tx: Tx | null, id: string) {
    return this.caseRows.get(id) ?? null;
  }
  async saveCase(_tx: Tx, c: VerificationCase): Promise<void> {
    this.caseRows.set(c.id, c);
  }
  async cases(_filter: { status?: CaseStatus }): Promise<VerificationCase[]> {
    return [...this.caseRows.values()];
  }
}

/** A unit of work whose outbox is the `events` list; a failing transaction leaves it unchanged. */
export function listUnitOfWork(events: NewEvent<object>[]): UnitOfWork {
  return {
    run: async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
      const pending: NewEvent<object>[] = [];
      const publish: Tx['publish'] = async (contract, e) => (pending.push({ type: contract.type, ...e }), { id: 'x' } as CloudEvent<never>);
      const result = await work({ publish } as unknown as Tx);
      events.push(...pending);
      return result;
    },
  } as unknown as UnitOfWork;
}

/** An organization registered in Haidian (110108) in 2020, ACTIVE; override what a test needs. */
export const evaluationOrganization = (over: Partial<EvaluationOrganization> = {}): EvaluationOrganization => ({
  uscc: '52110108MJ0000018M',
  name: '北京市海淀区测试社区服务中心',
  form: 'SOCIAL_SERVICE_ORGANIZATION',
  category: 'URBAN_RURAL_COMMUNITY_SERVICE',
  registeringAuthority: '110108',
  registeredAt: new Date('2020-01-02T00:00:00Z'),
  eligibleFrom: new Date('2022-01-02T00:00:00Z'),
  registrationStatus: 'ACTIVE',
  registrationStatusAt: null,
  registrationStatusEventId: null,
  ...over,
});

/** Annual-report years and penalties in maps. */
export class InMemoryComplianceFactsStore extends ComplianceFactsStore {
  readonly reports = new Map<string, AnnualReportRecord>();
  readonly penaltyRows = new Map<string, PenaltyRecord>();
  async annualReports(_tx: Tx | null, uscc: string) {
    return [...this.reports.values()].filter((r) => r.uscc === uscc).sort((a, b) => a.reportYear - b.reportYear);
  }
  async annualReport(_tx: Tx, uscc: string, reportYear: number) {
    return this.reports.get(`${uscc}/${reportYear}`) ?? null;
  }
  async saveAnnualReport(_tx: Tx, record: AnnualReportRecord): Promise<void> {
    this.reports.set(`${record.uscc}/${record.reportYear}`, { ...record });
  }
  async penalties(_tx: Tx | null, uscc: string) {
    return [...this.penaltyRows.values()].filter((p) => p.uscc === uscc);
  }
  async savePenalty(_tx: Tx, record: PenaltyRecord): Promise<void> {
    if (!this.penaltyRows.has(record.penaltyId)) this.penaltyRows.set(record.penaltyId, { ...record });
  }
}
