import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

export class EvaluationSkeleton1732500000300 implements MigrationInterface {
  name = 'EvaluationSkeleton1732500000300';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'evaluation_organization',
        columns: [
          c.char('uscc', 18, { isPrimary: true }),
          c.varchar('name', 200),
          c.varchar('form', 40),
          c.varchar('category', 40),
          c.char('registering_authority', 6),
          c.datetime('registered_at'),
          c.datetime('eligible_from'),
          c.uuid('last_event_id'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('evaluation_organization');
  }
}
