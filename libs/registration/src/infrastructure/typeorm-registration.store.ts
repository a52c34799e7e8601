import { Injectable } from '@nestjs/common';
import { DataSource, Not } from 'typeorm';
import type { OrganizationForm } from '@sop/contracts';
import type { Tx } from '@sop/messaging';
import { RegistrationApplication } from '../domain/registration-application';
import { RegistrationStore, type OrganizationRecord } from '../application/registration.ports';
import { ApplicationOrmEntity, OrganizationOrmEntity } from './registration.orm-entities';
import { allocateUscc } from './uscc-allocator';

@Injectable()
export class TypeOrmRegistrationStore extends RegistrationStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async saveApplication(tx: Tx, application: RegistrationApplication): Promise<void> {
    await tx.manager.save(ApplicationOrmEntity, { ...application.snapshot });
  }

  async findApplication(tx: Tx | null, id: string): Promise<RegistrationApplication | null> {
    const manager = tx?.manager ?? this.ds.manager;
    const row = await manager.findOneBy(ApplicationOrmEntity, { id });
    return row ? RegistrationApplication.restore({ ...row }) : null;
  }

  async nameTaken(tx: Tx, registeringAuthority: string, name: string, exceptApplicationId?: string): Promise<boolean> {
    const org = await tx.manager.existsBy(OrganizationOrmEntity, { registeringAuthority, name });
    if (org) return true;
    return tx.manager.existsBy(ApplicationOrmEntity, {
      registeringAuthority,
      proposedName: name,
      status: 'SUBMITTED',
      ...(exceptApplicationId ? { id: Not(exceptApplicationId) } : {}),
    });
  }

  allocateUscc(tx: Tx, form: OrganizationForm, registeringAuthority: string): Promise<string> {
    return allocateUscc(tx.manager, form, registeringAuthority);
  }

  async insertOrganization(tx: Tx, organization: OrganizationRecord): Promise<void> {
    await tx.manager.insert(OrganizationOrmEntity, { ...organization } as OrganizationOrmEntity);
  }

  async findOrganization(uscc: string): Promise<OrganizationRecord | null> {
    return this.ds.manager.findOneBy(OrganizationOrmEntity, { uscc });
  }
}
