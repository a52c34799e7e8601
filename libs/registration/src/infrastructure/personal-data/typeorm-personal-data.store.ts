import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Tx } from '@sop/messaging';
import { PersonalDataStore, type PersonalDataRecord } from '../../application/personal-data/personal-data.ports';
import { ApplicationOrmEntity, PersonalDataOrmEntity } from '../registration.orm-entities';
import { managerOf } from '../typeorm-helpers';

/** The restricted registration_personal_data table (ciphertext and blind index only), TypeORM. */
@Injectable()
export class TypeOrmPersonalDataStore extends PersonalDataStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async savePersonalData(tx: Tx, rows: PersonalDataRecord[]): Promise<void> {
    if (rows.length) await tx.manager.insert(PersonalDataOrmEntity, rows);
  }

  async findPersonalData(applicationId: string): Promise<PersonalDataRecord[]> {
    const rows = await this.ds.manager.find(PersonalDataOrmEntity, { where: { applicationId, uscc: IsNull() }, order: { personRole: 'ASC', position: 'ASC' } });
    return rows.map(({ id: _id, ...r }) => r);
  }

  async legalRepresentativesOf(tx: Tx | null, applicationId: string): Promise<PersonalDataRecord[]> {
    const rows = await managerOf(this.ds, tx).find(PersonalDataOrmEntity, {
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
}
