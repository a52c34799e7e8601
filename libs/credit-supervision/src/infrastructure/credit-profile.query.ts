import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemError } from '@sop/util';
import { CreditInformationOrmEntity, CreditOrganizationOrmEntity } from './credit.orm-entities';

/** The public credit profile: registration facts and the credit information on record. No personal data. */
@Injectable()
export class CreditProfileQuery {
  constructor(private readonly ds: DataSource) {}

  async byUscc(uscc: string) {
    const org = await this.ds.manager.findOneBy(CreditOrganizationOrmEntity, { uscc });
    if (!org) throw ProblemError.notFound('CREDIT.ORGANIZATION_NOT_FOUND', `no credit record for USCC ${uscc}`);
    const information = await this.ds.manager.find(CreditInformationOrmEntity, { where: { uscc }, order: { occurredAt: 'ASC' } });
    return {
      uscc: org.uscc,
      name: org.name,
      form: org.form,
      category: org.category,
      registeringAuthority: org.registeringAuthority,
      domicile: org.domicile,
      registrationStatus: org.registrationStatus,
      registeredAt: org.registeredAt.toISOString(),
      lists: { abnormalActivity: [], seriousIllegalDishonest: [] },
      penalties: [],
      grades: [],
      information: information.map((i) => ({
        category: i.category,
        factType: i.factType,
        summary: i.summary,
        occurredAt: i.occurredAt.toISOString(),
        recordedAt: i.recordedAt.toISOString(),
        captureDeadline: i.captureDeadline.toISOString(),
        capturedLate: i.recordedAt.getTime() > i.captureDeadline.getTime(),
      })),
    };
  }
}
