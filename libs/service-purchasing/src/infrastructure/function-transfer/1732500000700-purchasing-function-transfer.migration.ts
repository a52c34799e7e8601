import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * The transfer of government functions (regulations §8, issue 12): catalogue items, undertaker qualifications,
 * transfer agreements, cases and self-regulation records, one row each with the keys they are found by and the
 * record as JSON (unique per kind and id; `seq` keeps insertion order); the revision makes every update conditional
 * on the version read.
 */
export class PurchasingFunctionTransfer1732500000700 implements MigrationInterface {
  name = 'PurchasingFunctionTransfer1732500000700';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'purchasing_ft_record',
        columns: [
          // Insertion order: lists answer oldest first even when records share an instant.
          c.serial('seq'),
          c.varchar('kind', 20),
          c.varchar('id', 36),
          c.varchar('jurisdiction', 6, { isNullable: true }),
          c.varchar('unit_id', 100, { isNullable: true }),
          c.varchar('uscc', 18, { isNullable: true }),
          c.varchar('parent_id', 36, { isNullable: true }),
          c.varchar('owner', 200, { isNullable: true }),
          c.varchar('status', 30),
          c.int('revision'),
          c.text('body'),
          c.datetime('created_at'),
          c.datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ux_purchasing_ft_record', columnNames: ['kind', 'id'], isUnique: true }),
          new TableIndex({ name: 'ix_purchasing_ft_jurisdiction', columnNames: ['kind', 'jurisdiction'] }),
          new TableIndex({ name: 'ix_purchasing_ft_uscc', columnNames: ['kind', 'uscc'] }),
          new TableIndex({ name: 'ix_purchasing_ft_parent', columnNames: ['kind', 'parent_id'] }),
          new TableIndex({ name: 'ix_purchasing_ft_owner', columnNames: ['kind', 'owner'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchasing_ft_record');
  }
}
