import type { EntityManager } from 'typeorm';
import type { OrganizationForm } from '@sop/contracts';
import { isDuplicateKey } from '@sop/persistence';
import { buildCivilAffairsUscc } from '@sop/util';
import { UsccSerialOrmEntity } from '../registration.orm-entities';

/**
 * Allocates the next USCC under a registering authority inside the caller's transaction. The serial is
 * incremented with an UPDATE (a row lock on MySQL; SQLite writes are serialized), so two approvals never
 * get the same code; the organization table's primary key on uscc is the second guard.
 */
export async function allocateUscc(manager: EntityManager, form: OrganizationForm, divisionCode: string): Promise<string> {
  const bumped = await manager
    .createQueryBuilder()
    .update(UsccSerialOrmEntity)
    .set({ nextSerial: () => 'next_serial + 1' })
    .where('division_code = :divisionCode', { divisionCode })
    .execute();
  if (!bumped.affected) {
    try {
      await manager.insert(UsccSerialOrmEntity, { divisionCode, nextSerial: 2 });
      return buildCivilAffairsUscc(form, divisionCode, 1);
    } catch (err) {
      // Another approval created this division's counter first: take the next serial instead.
      if (isDuplicateKey(err)) return allocateUscc(manager, form, divisionCode);
      throw err;
    }
  }
  const row = await manager.findOneByOrFail(UsccSerialOrmEntity, { divisionCode });
  return buildCivilAffairsUscc(form, divisionCode, row.nextSerial - 1);
}
