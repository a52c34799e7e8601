import type { EntityManager } from 'typeorm';
import type { OrganizationForm } from '@sop/contracts';
import { isSqlite } from '@sop/persistence';
import { buildCivilAffairsUscc } from '@sop/util';

/**
 * Allocates the next USCC under a registering authority inside the caller's transaction: one upsert creates the
 * authority's counter or bumps it, and holds its row lock until the approval commits, so serials are gapless and
 * never shared (a rolled-back approval gives its serial back); the organization table's primary key on uscc is the
 * second guard. One statement, because the earlier UPDATE-then-INSERT took gap locks that deadlocked concurrent
 * first approvals under one authority (found by the approval benchmark, issue 14). Approvals under one authority
 * are therefore serialized from this statement to their commit; different authorities never wait for each other.
 */
export async function allocateUscc(manager: EntityManager, form: OrganizationForm, divisionCode: string): Promise<string> {
  await manager.query(
    isSqlite(manager.connection)
      ? 'INSERT INTO uscc_serial (division_code, next_serial) VALUES (?, 2) ON CONFLICT (division_code) DO UPDATE SET next_serial = next_serial + 1'
      : 'INSERT INTO uscc_serial (division_code, next_serial) VALUES (?, 2) ON DUPLICATE KEY UPDATE next_serial = next_serial + 1',
    [divisionCode],
  );
  const rows: { next_serial: number | string }[] = await manager.query('SELECT next_serial FROM uscc_serial WHERE division_code = ?', [divisionCode]);
  return buildCivilAffairsUscc(form, divisionCode, Number(rows[0].next_serial) - 1);
}
