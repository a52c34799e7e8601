import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { civilDate } from '@sop/util';
import { CertificateStore, IndicatorFrameworkStore, ProcedureStore, type ExpertLink } from '../../application/procedure/procedure.ports';
import type { EvaluationGrade } from '../../domain/evaluation-rules';
import type { CertificateRecord, CertificateStatus } from '../../domain/procedure/certificates';
import type { IndicatorFrameworkVersion, IndicatorSection, OrganizationForm } from '../../domain/procedure/indicator-frameworks';
import type { ProcedureRecord } from '../../domain/procedure/procedure';
import { EvaluationCertificateOrmEntity, EvaluationExpertLinkOrmEntity, EvaluationIndicatorFrameworkOrmEntity, EvaluationProcedureOrmEntity } from '../procedure.orm-entities';
import { managerOf } from './manager-of';

@Injectable()
export class TypeOrmIndicatorFrameworkStore extends IndicatorFrameworkStore {
  constructor(private readonly ds: DataSource) {
    super();
  }
  async versions(tx: Tx | null): Promise<IndicatorFrameworkVersion[]> {
    const rows = await managerOf(this.ds, tx).find(EvaluationIndicatorFrameworkOrmEntity, { order: { ruleSetId: 'ASC', version: 'ASC' } });
    return rows.map((r) => ({
      ruleSetId: r.ruleSetId,
      jurisdiction: r.jurisdiction,
      form: r.orgForm as OrganizationForm,
      version: Number(r.version),
      effectiveFrom: civilDate(r.effectiveFrom),
      sections: JSON.parse(r.sections) as IndicatorSection[],
      maxBonus: Number(r.maxBonus),
      source: r.source,
      publishedBy: r.publishedBy,
      publishedAt: r.publishedAt,
      note: r.note,
    }));
  }
  async insertVersion(tx: Tx, v: IndicatorFrameworkVersion): Promise<void> {
    await tx.manager.insert(EvaluationIndicatorFrameworkOrmEntity, {
      ruleSetId: v.ruleSetId,
      version: v.version,
      jurisdiction: v.jurisdiction,
      orgForm: v.form,
      effectiveFrom: v.effectiveFrom,
      sections: JSON.stringify(v.sections.map((s) => ({ section: s.section, name: s.name, indicators: s.indicators.map((i) => ({ code: i.code, name: i.name, max: i.max })) }))),
      maxBonus: v.maxBonus,
      source: v.source,
      publishedBy: v.publishedBy,
      publishedAt: v.publishedAt,
      note: v.note,
    });
  }
}

@Injectable()
export class TypeOrmProcedureStore extends ProcedureStore {
  constructor(private readonly ds: DataSource) {
    super();
  }
  async procedure(tx: Tx | null, procedureId: string): Promise<ProcedureRecord | null> {
    const row = await managerOf(this.ds, tx).findOneBy(EvaluationProcedureOrmEntity, { procedureId });
    return row ? (JSON.parse(row.document) as ProcedureRecord) : null;
  }
  async proceduresOf(tx: Tx | null, uscc: string): Promise<ProcedureRecord[]> {
    const rows = await managerOf(this.ds, tx).find(EvaluationProcedureOrmEntity, { where: { uscc }, order: { createdAt: 'ASC' } });
    return rows.map((r) => JSON.parse(r.document) as ProcedureRecord);
  }
  async insert(tx: Tx, p: ProcedureRecord, at: Date): Promise<void> {
    await tx.manager.insert(EvaluationProcedureOrmEntity, { procedureId: p.procedureId, uscc: p.uscc, kind: p.kind, status: p.status, evaluatingAuthority: p.evaluatingAuthority, document: JSON.stringify(p), revision: p.revision, createdAt: at, updatedAt: at });
  }
  async save(tx: Tx, p: ProcedureRecord, at: Date): Promise<void> {
    const result = await tx.manager.update(EvaluationProcedureOrmEntity, { procedureId: p.procedureId, revision: p.revision - 1 }, { status: p.status, document: JSON.stringify(p), revision: p.revision, updatedAt: at });
    if (result.affected === 0) throw new Error(`procedure ${p.procedureId} changed concurrently (revision ${p.revision - 1})`);
  }
  async expertLinks(tx: Tx | null, uscc: string): Promise<ExpertLink[]> {
    return managerOf(this.ds, tx).find(EvaluationExpertLinkOrmEntity, { where: { uscc } });
  }
  async saveExpertLink(tx: Tx, link: ExpertLink): Promise<void> {
    await tx.manager.delete(EvaluationExpertLinkOrmEntity, { expertId: link.expertId, uscc: link.uscc });
    await tx.manager.insert(EvaluationExpertLinkOrmEntity, { ...link });
  }
}

function toCertificate(r: EvaluationCertificateOrmEntity): CertificateRecord {
  return { ...r, grade: r.grade as EvaluationGrade, status: r.status as CertificateStatus, year: Number(r.year), sequence: Number(r.sequence) };
}

@Injectable()
export class TypeOrmCertificateStore extends CertificateStore {
  constructor(private readonly ds: DataSource) {
    super();
  }
  async certificate(tx: Tx | null, certificateId: string): Promise<CertificateRecord | null> {
    const row = await managerOf(this.ds, tx).findOneBy(EvaluationCertificateOrmEntity, { certificateId });
    return row ? toCertificate(row) : null;
  }
  async certificatesOf(tx: Tx | null, uscc: string): Promise<CertificateRecord[]> {
    return (await managerOf(this.ds, tx).find(EvaluationCertificateOrmEntity, { where: { uscc }, order: { issuedAt: 'ASC' } })).map(toCertificate);
  }
  async nextSequence(tx: Tx, authority: string, year: number): Promise<number> {
    const row = await tx.manager.createQueryBuilder(EvaluationCertificateOrmEntity, 'c').select('MAX(c.sequence)', 'max').where('c.evaluatingAuthority = :authority AND c.year = :year', { authority, year }).getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0) + 1;
  }
  async insert(tx: Tx, c: CertificateRecord): Promise<void> {
    await tx.manager.insert(EvaluationCertificateOrmEntity, { ...c });
  }
  async save(tx: Tx, c: CertificateRecord): Promise<void> {
    await tx.manager.update(EvaluationCertificateOrmEntity, { certificateId: c.certificateId }, { status: c.status, returnedAt: c.returnedAt, voidedAt: c.voidedAt, voidAnnouncement: c.voidAnnouncement });
  }
}
