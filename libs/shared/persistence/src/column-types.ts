import type { ColumnOptions, QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Portable column definitions, so that one migration runs on MySQL 8, MariaDB 10.11 and SQLite.
 * Times are DATETIME(6) in UTC; JSON documents are LONGTEXT (MariaDB's JSON is LONGTEXT with a check anyway);
 * money is integer fen in BIGINT; bigints travel as strings.
 */
export class Columns {
  private readonly sqlite: boolean;
  constructor(queryRunner: QueryRunner) {
    const type = queryRunner.connection.options.type;
    this.sqlite = type === 'better-sqlite3';
  }

  /** Auto-increment surrogate key (ordering key of outbox rows). */
  serial(name = 'id'): TableColumnOptions {
    return this.sqlite
      ? { name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }
      : { name, type: 'bigint', isPrimary: true, isGenerated: true, generationStrategy: 'increment', unsigned: true };
  }
  uuid(name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'varchar', length: '36', ...opts };
  }
  varchar(name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'varchar', length: String(length), ...opts };
  }
  char(name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: this.sqlite ? 'varchar' : 'char', length: String(length), ...opts };
  }
  datetime(name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return this.sqlite ? { name, type: 'datetime', ...opts } : { name, type: 'datetime', precision: 6, ...opts };
  }
  date(name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'date', ...opts };
  }
  int(name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: this.sqlite ? 'integer' : 'int', ...opts };
  }
  bigint(name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: this.sqlite ? 'integer' : 'bigint', ...opts };
  }
  text(name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: this.sqlite ? 'text' : 'longtext', ...opts };
  }
  boolean(name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: this.sqlite ? 'integer' : 'tinyint', ...opts };
  }
}

/** Entity-side column options matching `Columns`: DATETIME(6) and bigint-as-string. */
export const DATETIME6: ColumnOptions = { type: 'datetime', precision: 6 };

export const bigintAsString = {
  to: (value: string | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : String(value)),
};
