import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { DbConfig } from '@sop/persistence';

/** One state-changing request as the command audit log keeps it (issue 13 item 8). */
export interface CommandAuditEntry {
  at: Date;
  subject: string | null;
  roles: string[];
  jurisdiction: string | null;
  unitId: string | null;
  organizationUscc: string | null;
  method: string;
  /** The route template (`/purchasing/procurements/:id/award`), never the raw path. */
  route: string;
  /** The route's parameters: the command's target (`{ "id": "…" }`). */
  target: Record<string, string>;
  clientAddress: string | null;
  requestId: string | null;
  correlationId: string | null;
  status: number;
  /** The problem code of a refused or failed command (`PURCHASING.ALREADY_AWARDED`). */
  problemCode: string | null;
}

export interface CommandAuditRow extends Omit<CommandAuditEntry, 'at'> {
  id: number;
  at: string;
  outcome: 'SUCCEEDED' | 'REFUSED' | 'FAILED';
}

export interface CommandAuditQuery {
  from?: Date;
  to?: Date;
  subject?: string;
  /** Entries with an id above this (paging cursor). */
  after?: number;
  limit: number;
}

export const outcomeOf = (status: number): CommandAuditRow['outcome'] => (status >= 500 ? 'FAILED' : status >= 400 ? 'REFUSED' : 'SUCCEEDED');

const COLUMNS = [
  'at', 'subject', 'roles', 'jurisdiction', 'unit_id', 'organization_uscc', 'method', 'route', 'target',
  'client_address', 'request_id', 'correlation_id', 'status', 'problem_code',
] as const;

/** The table's definition on MySQL/MariaDB; deploy/mysql/create-service-users.sh creates the same one. */
export function mysqlCommandAuditDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  subject VARCHAR(200) NULL, roles VARCHAR(300) NOT NULL, jurisdiction VARCHAR(12) NULL, unit_id VARCHAR(100) NULL,
  organization_uscc VARCHAR(18) NULL, method VARCHAR(8) NOT NULL, route VARCHAR(300) NOT NULL, target VARCHAR(2000) NOT NULL,
  client_address VARCHAR(64) NULL, request_id VARCHAR(100) NULL, correlation_id VARCHAR(100) NULL,
  status SMALLINT NOT NULL, problem_code VARCHAR(100) NULL,
  KEY IDX_command_audit_at (at), KEY IDX_command_audit_subject (subject, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
}

const SQLITE_DDL = [
  `CREATE TABLE IF NOT EXISTS command_audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, subject TEXT NULL, roles TEXT NOT NULL, jurisdiction TEXT NULL,
    unit_id TEXT NULL, organization_uscc TEXT NULL, method TEXT NOT NULL, route TEXT NOT NULL, target TEXT NOT NULL,
    client_address TEXT NULL, request_id TEXT NULL, correlation_id TEXT NULL, status INTEGER NOT NULL, problem_code TEXT NULL)`,
  'CREATE INDEX IF NOT EXISTS IDX_command_audit_at ON command_audit_log (at)',
  // SQLite has no grants: triggers make the embedded log append-only.
  `CREATE TRIGGER IF NOT EXISTS command_audit_log_no_update BEFORE UPDATE ON command_audit_log BEGIN SELECT RAISE(ABORT, 'the command audit log is append-only'); END`,
  `CREATE TRIGGER IF NOT EXISTS command_audit_log_no_delete BEFORE DELETE ON command_audit_log BEGIN SELECT RAISE(ABORT, 'the command audit log is append-only'); END`,
];

const clip = (value: string | null, max: number): string | null => (value === null ? null : value.slice(0, max));

/**
 * A service's command audit log: an append-only table of every state-changing request (who, what, when, from where,
 * outcome). On MySQL it lives in its own schema `<service schema>_audit`, on which the service's database user has
 * SELECT and INSERT only (create-service-users.sh), so the service cannot alter or delete what it recorded; in the
 * embedded SQLite mode, triggers refuse UPDATE and DELETE. The service never purges it: it is kept at least 6 months
 * (Cybersecurity Law Art. 21 (3)); archiving older entries is the database administrator's act.
 */
export class CommandAuditLog {
  private readonly logger = new Logger('CommandAuditLog');
  private readonly table: string;
  private static readonly MAX_BATCH = 200;
  private readonly pending: { entry: CommandAuditEntry; onFailure: () => void }[] = [];
  private writing?: Promise<void>;

  constructor(
    readonly serviceName: string,
    private readonly dataSource: () => DataSource,
    private readonly db: DbConfig,
    private readonly createSchema: boolean,
  ) {
    this.table = db.type === 'mysql' ? `\`${auditSchemaOf(db.database)}\`.command_audit_log` : 'command_audit_log';
  }

  /** Creates the table where the service may (SQLite; MySQL in development), else checks that the operator did. */
  async ensure(): Promise<void> {
    const ds = this.dataSource();
    if (this.db.type === 'sqlite') {
      for (const sql of SQLITE_DDL) await ds.query(sql);
      return;
    }
    if (this.createSchema) {
      await ds.query(`CREATE DATABASE IF NOT EXISTS \`${auditSchemaOf(this.db.database)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await ds.query(mysqlCommandAuditDdl(this.table));
      return;
    }
    try {
      await ds.query(`SELECT id FROM ${this.table} LIMIT 0`);
    } catch (err) {
      throw new Error(`${this.serviceName}: the command audit log ${this.table} is missing or not readable (${(err as Error).message}); run deploy/mysql/create-service-users.sh`);
    }
  }

  async append(entry: CommandAuditEntry): Promise<void> {
    await this.appendAll([entry]);
  }

  /** One multi-row INSERT for a batch of entries. */
  private async appendAll(entries: CommandAuditEntry[]): Promise<void> {
    const values = entries.flatMap((entry) => [
      this.db.type === 'sqlite' ? entry.at.toISOString() : entry.at,
      clip(entry.subject, 200), entry.roles.join(',').slice(0, 300), clip(entry.jurisdiction, 12), clip(entry.unitId, 100),
      clip(entry.organizationUscc, 18), entry.method.slice(0, 8), entry.route.slice(0, 300), JSON.stringify(entry.target).slice(0, 2000),
      clip(entry.clientAddress, 64), clip(entry.requestId, 100), clip(entry.correlationId, 100), entry.status, clip(entry.problemCode, 100),
    ]);
    const row = `(${COLUMNS.map(() => '?').join(', ')})`;
    await this.dataSource().query(`INSERT INTO ${this.table} (${COLUMNS.join(', ')}) VALUES ${entries.map(() => row).join(', ')}`, values);
  }

  /**
   * Queues the entry and writes it on the next turn of the event loop together with every entry queued meanwhile
   * (one INSERT per batch instead of one per request: issue 14). Logs (never throws) when the database refuses: the
   * request has been answered already. Entries are in memory for at most one insert's time, as a single write was.
   */
  record(entry: CommandAuditEntry, onFailure: () => void): void {
    this.pending.push({ entry, onFailure });
    if (!this.writing) this.writing = new Promise<void>((done) => setImmediate(() => this.writeQueued().finally(done)));
  }

  /** Resolves when every entry recorded so far is written (or its failure logged); shutdown waits for it. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.flush();
  }

  private async writeQueued(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, CommandAuditLog.MAX_BATCH);
      try {
        await this.appendAll(batch.map((b) => b.entry));
      } catch (err) {
        for (const b of batch) {
          b.onFailure();
          this.logger.error(`could not record ${b.entry.method} ${b.entry.route} by ${b.entry.subject ?? 'anonymous'}: ${(err as Error).message}`);
        }
      }
    }
    this.writing = undefined;
  }

  async query(q: CommandAuditQuery): Promise<CommandAuditRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const instant = (d: Date) => (this.db.type === 'sqlite' ? d.toISOString() : d);
    const and = (condition: string, value: unknown) => {
      where.push(condition);
      params.push(value);
    };
    if (q.after !== undefined) and('id > ?', q.after);
    if (q.from) and('at >= ?', instant(q.from));
    if (q.to) and('at < ?', instant(q.to));
    if (q.subject) and('subject = ?', q.subject);
    const rows: Record<string, unknown>[] = await this.dataSource().query(
      `SELECT id, ${COLUMNS.join(', ')} FROM ${this.table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ${Math.trunc(q.limit)}`,
      params,
    );
    return rows.map(rowOf);
  }
}

/** The schema of a service's command audit log beside its own (MySQL). */
export const auditSchemaOf = (schema: string): string => `${schema}_audit`;

function rowOf(r: Record<string, unknown>): CommandAuditRow {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const status = Number(r['status']);
  return {
    id: Number(r['id']),
    at: new Date(r['at'] instanceof Date ? r['at'] : String(r['at'])).toISOString(),
    subject: text(r['subject']),
    roles: String(r['roles'] ?? '').split(',').filter(Boolean),
    jurisdiction: text(r['jurisdiction']),
    unitId: text(r['unit_id']),
    organizationUscc: text(r['organization_uscc']),
    method: String(r['method']),
    route: String(r['route']),
    target: JSON.parse(String(r['target'] ?? '{}')) as Record<string, string>,
    clientAddress: text(r['client_address']),
    requestId: text(r['request_id']),
    correlationId: text(r['correlation_id']),
    status,
    outcome: outcomeOf(status),
    problemCode: text(r['problem_code']),
  };
}
