import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { isDuplicateKey, isSqlite } from '@sop/persistence';
import { Clock } from '@sop/util';
import { CreditErrors } from '../../domain/credit.errors';
import { CreditExportJobOrmEntity, CreditOrganizationOrmEntity } from '../credit.orm-entities';
import { creditSupervisionConfig, type CreditSupervisionEnv } from '../../credit-supervision.config';
import { CreditProfileQuery } from './credit-profile.query';

export interface ExportJob {
  id: string;
  status: 'RUNNING' | 'DONE' | 'FAILED' | 'EXPIRED';
  total: number;
  processed: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** Where export files go; shared storage when several instances serve downloads. */
export const CREDIT_EXPORT_DIR = 'CREDIT_EXPORT_DIR';

/** The value of `runningSlot` while a job runs (unique: one running export at a time). */
const RUNNING_SLOT = 'EXPORT';

/** A RUNNING job whose heartbeat is older than this belongs to a process that stopped. */
const STALE_AFTER_MS = 60_000;

/**
 * Bulk export of the public register as JSON Lines (one public profile per line). Runs in the background in
 * batches; the job, kept in the database, reports total and processed rows so a long export shows progress.
 * At most one export runs at a time: starting another while one runs returns the running one (each export reads
 * the whole register). The endpoints need an officer's token and are rate limited per caller (the HTTP edge).
 * A failing export never takes the process down: its failure is recorded, and when even that write fails the
 * error is logged and the job, its heartbeat stopped, reads as interrupted a minute later (`failStale`).
 */
@Injectable()
export class RegisterExportService implements BeforeApplicationShutdown {
  private readonly running = new Map<string, Promise<void>>();
  private readonly dir: string;
  /** Finished exports are kept this many days (CREDIT_EXPORT_RETENTION_DAYS), then their files are deleted. */
  private readonly retentionDays: number;
  private readonly batchSize = 200;
  private stopping = false;
  private readonly logger = new Logger('RegisterExport');

  constructor(
    private readonly ds: DataSource,
    private readonly profiles: CreditProfileQuery,
    private readonly clock: Clock,
    @Inject(creditSupervisionConfig.KEY) config: CreditSupervisionEnv,
    @Optional() @Inject(CREDIT_EXPORT_DIR) dir?: string,
  ) {
    this.dir = dir ?? config.CREDIT_EXPORT_DIR ?? join(tmpdir(), 'sop-credit-exports');
    this.retentionDays = config.CREDIT_EXPORT_RETENTION_DAYS;
  }

  /** Jobs left RUNNING by a process that stopped are marked FAILED (checked on each read), so nobody polls them forever. */
  private async failStale(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    const stale = await this.ds.manager.find(CreditExportJobOrmEntity, { where: { status: 'RUNNING' } });
    for (const job of stale.filter((j) => j.heartbeatAt < cutoff && !this.running.has(j.id))) {
      await this.ds.manager.update(
        CreditExportJobOrmEntity,
        { id: job.id, status: 'RUNNING' },
        { status: 'FAILED', error: 'interrupted: the process running the export stopped', finishedAt: this.clock.now(), runningSlot: null },
      );
    }
  }

  /** Deletes the files of exports finished more than the retention period ago; their jobs read EXPIRED. */
  private async expireOld(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000);
    const old = await this.ds.manager.find(CreditExportJobOrmEntity, { where: { status: 'DONE', finishedAt: LessThan(cutoff) } });
    for (const job of old) {
      rmSync(job.filePath, { force: true });
      await this.ds.manager.update(CreditExportJobOrmEntity, { id: job.id, status: 'DONE' }, { status: 'EXPIRED' });
    }
  }

  async start(): Promise<ExportJob> {
    await this.failStale();
    await this.expireOld();
    const current = await this.runningJob();
    if (current) return this.view(current);
    mkdirSync(this.dir, { recursive: true });
    const total = await this.ds.manager.count(CreditOrganizationOrmEntity);
    const id = randomUUID();
    const now = this.clock.now();
    const job: CreditExportJobOrmEntity = {
      id,
      status: 'RUNNING',
      total,
      processed: 0,
      startedAt: now,
      heartbeatAt: now,
      finishedAt: null,
      error: null,
      filePath: join(this.dir, `${id}.jsonl`),
      runningSlot: RUNNING_SLOT,
    };
    try {
      await this.ds.manager.insert(CreditExportJobOrmEntity, job);
    } catch (err) {
      // Another start (here or on another instance) won the slot a moment ago: answer with its job (which may
      // even have finished already).
      const winner = isDuplicateKey(err)
        ? ((await this.runningJob()) ?? (await this.ds.manager.findOne(CreditExportJobOrmEntity, { where: {}, order: { startedAt: 'DESC' } })))
        : null;
      if (winner) return this.view(winner);
      throw err;
    }
    // Never rejects: nothing awaits a background export, and an unhandled rejection would stop the process (the
    // embedded platform with it).
    const done = this.run(job)
      .catch((err: unknown) => this.recordFailure(id, err))
      .finally(() => this.running.delete(id));
    this.running.set(id, done);
    return this.view(job);
  }

  private async recordFailure(id: string, err: unknown): Promise<void> {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    try {
      await this.ds.manager.update(CreditExportJobOrmEntity, { id }, { status: 'FAILED', error: message, finishedAt: this.clock.now(), runningSlot: null });
    } catch (updateErr) {
      this.logger.error(
        `export ${id} failed (${message}) and recording FAILED failed too (${updateErr instanceof Error ? updateErr.message : String(updateErr)}); it will read as interrupted once its heartbeat is stale`,
      );
    }
  }

  private runningJob(): Promise<CreditExportJobOrmEntity | null> {
    return this.ds.manager.findOne(CreditExportJobOrmEntity, { where: { status: 'RUNNING' }, order: { startedAt: 'DESC' } });
  }

  private async run(job: CreditExportJobOrmEntity): Promise<void> {
    const out: WriteStream = createWriteStream(job.filePath, { encoding: 'utf8' });
    let processed = 0;
    // One read snapshot for the whole export on MySQL (InnoDB MVCC): a register that changes while the export runs
    // still comes out as it stood at one instant. SQLite (embedded, one connection) reads batch by batch.
    const reader = isSqlite(this.ds) ? null : this.ds.createQueryRunner();
    try {
      if (reader) {
        await reader.connect();
        await reader.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await reader.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
      }
      const m = reader?.manager ?? this.ds.manager;
      let cursor = '';
      for (;;) {
        if (this.stopping) throw new Error('interrupted: the service is shutting down');
        const orgs = await m.find(CreditOrganizationOrmEntity, { where: cursor ? { uscc: MoreThan(cursor) } : {}, order: { uscc: 'ASC' }, take: this.batchSize });
        if (orgs.length === 0) break;
        for (const p of await this.profiles.profiles(orgs, undefined, m)) {
          if (!out.write(JSON.stringify(p) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        processed += orgs.length;
        cursor = orgs[orgs.length - 1].uscc;
        // Progress goes through the pool, outside the read-only snapshot, so pollers see it as it moves.
        await this.ds.manager.update(CreditExportJobOrmEntity, { id: job.id }, { processed, heartbeatAt: this.clock.now() });
      }
    } finally {
      await new Promise<void>((resolve) => out.end(resolve));
      if (reader) {
        await reader.query('COMMIT').catch(() => undefined);
        await reader.release();
      }
    }
    await this.ds.manager.update(CreditExportJobOrmEntity, { id: job.id }, { status: 'DONE', processed, total: Math.max(job.total, processed), finishedAt: this.clock.now(), runningSlot: null });
  }

  private view(job: CreditExportJobOrmEntity): ExportJob {
    return {
      id: job.id,
      status: job.status,
      total: job.total,
      processed: job.processed,
      startedAt: job.startedAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      error: job.error,
    };
  }

  private async job(id: string): Promise<CreditExportJobOrmEntity> {
    const job = await this.ds.manager.findOneBy(CreditExportJobOrmEntity, { id });
    if (!job) throw new CreditErrors.EXPORT_NOT_FOUND(`no export ${id}`);
    return job;
  }

  async get(id: string): Promise<ExportJob> {
    await this.failStale();
    return this.view(await this.job(id));
  }

  /** Path of a finished export's JSONL file. */
  async file(id: string): Promise<string> {
    const job = await this.job(id);
    if (job.status === 'EXPIRED') throw new CreditErrors.EXPORT_EXPIRED(`export ${id} finished more than ${this.retentionDays} days ago and its file was deleted; start a new export`);
    if (job.status !== 'DONE') throw new CreditErrors.EXPORT_NOT_READY(`export ${id} is ${job.status} (${job.processed}/${job.total})`);
    if (!existsSync(job.filePath)) throw new CreditErrors.EXPORT_FILE_MISSING(`the file of export ${id} is no longer on this instance's export storage`);
    return job.filePath;
  }

  /** Waits for an export this process runs; for a job run elsewhere, returns its current state. */
  async waitFor(id: string): Promise<ExportJob> {
    await this.running.get(id);
    return this.get(id);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running.values()]);
  }
}
