import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { OcdsReleaseStore, type NewRelease, type ReleaseFilter, type StoredRelease } from '../../application/ocds/ocds.ports';
import type { LifecycleStep, ReleaseTag } from '../../domain/ocds';
import { PurchasingOcdsReleaseOrmEntity, PurchasingOcdsSequenceOrmEntity } from './ocds-release.orm-entities';

const COUNTER = 'releases';

const toRelease = (r: PurchasingOcdsReleaseOrmEntity): StoredRelease => ({
  sequence: r.sequence,
  releaseId: r.releaseId,
  ocid: r.ocid,
  procurementId: r.procurementId,
  step: r.step as LifecycleStep,
  tags: JSON.parse(r.tags) as ReleaseTag[],
  releasedAt: r.releasedAt,
  eventId: r.eventId,
  json: r.releaseJson,
});

/** Frozen OCDS releases on TypeORM (tables purchasing_ocds_release and purchasing_ocds_sequence). */
@Injectable()
export class TypeOrmOcdsReleaseStore extends OcdsReleaseStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async append(tx: Tx, release: NewRelease): Promise<StoredRelease> {
    // The UPDATE takes the counter row's write lock (InnoDB) until commit; SQLite has one writer anyway. Taken last
    // in every step's transaction, after the procurement and budget rows, so it adds no lock-order cycle.
    await tx.manager.increment(PurchasingOcdsSequenceOrmEntity, { name: COUNTER }, 'lastValue', 1);
    const counter = await tx.manager.findOneByOrFail(PurchasingOcdsSequenceOrmEntity, { name: COUNTER });
    const stored: StoredRelease = { ...release, sequence: counter.lastValue };
    await tx.manager.insert(PurchasingOcdsReleaseOrmEntity, {
      sequence: stored.sequence,
      releaseId: release.releaseId,
      ocid: release.ocid,
      procurementId: release.procurementId,
      step: release.step,
      tags: JSON.stringify(release.tags),
      releasedAt: release.releasedAt,
      eventId: release.eventId,
      releaseJson: release.json,
      recordedAt: new Date(),
    });
    return stored;
  }

  async page(filter: ReleaseFilter, limit: number): Promise<StoredRelease[]> {
    const qb = this.query().orderBy('r.sequence', 'ASC').limit(limit);
    if (filter.after !== undefined) qb.andWhere('r.sequence > :after', { after: filter.after });
    if (filter.upTo !== undefined) qb.andWhere('r.sequence <= :upTo', { upTo: filter.upTo });
    if (filter.ocid !== undefined) qb.andWhere('r.ocid = :ocid', { ocid: filter.ocid });
    if (filter.since !== undefined) qb.andWhere('r.releasedAt >= :since', { since: filter.since });
    return (await qb.getMany()).map(toRelease);
  }

  async byReleaseId(releaseId: string): Promise<StoredRelease | null> {
    const r = await this.ds.manager.findOneBy(PurchasingOcdsReleaseOrmEntity, { releaseId });
    return r ? toRelease(r) : null;
  }

  async ofOcids(ocids: readonly string[]): Promise<StoredRelease[]> {
    if (ocids.length === 0) return [];
    return (await this.query().where('r.ocid IN (:...ocids)', { ocids }).orderBy('r.sequence', 'ASC').getMany()).map(toRelease);
  }

  async processes(after: number, limit: number): Promise<{ ocid: string; firstSequence: number }[]> {
    const rows = await this.ds
      .createQueryBuilder(PurchasingOcdsReleaseOrmEntity, 'r')
      .select('r.ocid', 'ocid')
      .addSelect('MIN(r.sequence)', 'first')
      .groupBy('r.ocid')
      .having('MIN(r.sequence) > :after', { after })
      .orderBy('MIN(r.sequence)', 'ASC')
      .limit(limit)
      .getRawMany<{ ocid: string; first: string | number }>();
    return rows.map((r) => ({ ocid: r.ocid, firstSequence: Number(r.first) }));
  }

  async horizon(): Promise<{ lastSequence: number; latestReleasedAt: Date } | null> {
    const row = await this.ds
      .createQueryBuilder(PurchasingOcdsReleaseOrmEntity, 'r')
      .select('MAX(r.sequence)', 'last')
      .addSelect('MAX(r.releasedAt)', 'latest')
      .getRawOne<{ last: string | number | null; latest: Date | string | null }>();
    if (!row || row.last === null || row.latest === null) return null;
    return { lastSequence: Number(row.last), latestReleasedAt: asDate(row.latest) };
  }

  private query(): SelectQueryBuilder<PurchasingOcdsReleaseOrmEntity> {
    return this.ds.createQueryBuilder(PurchasingOcdsReleaseOrmEntity, 'r');
  }
}

/** A raw DATETIME: a Date from MySQL; SQLite gives the stored UTC text 'YYYY-MM-DD HH:MM:SS.SSS'. */
function asDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const d = new Date(`${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a stored datetime: ${value}`);
  return d;
}
