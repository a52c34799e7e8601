import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** official_calendar_year, identical in every service database (listed by the runtime after the messaging tables). */
export class OfficialCalendarTables1732500000001 implements MigrationInterface {
  name = 'OfficialCalendarTables1732500000001';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'official_calendar_year',
        columns: [
          c.varchar('calendar_id', 100, { isPrimary: true }),
          c.int('year', { isPrimary: true }),
          c.int('version'),
          c.varchar('source', 500),
          c.text('holidays'),
          c.text('working_weekends'),
          c.datetime('published_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('official_calendar_year');
  }
}
