import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { Clock, ProblemError } from '@sop/util';
import { CreditProfileQuery } from './credit-profile.query';
import { CreditOrganizationOrmEntity } from './credit.orm-entities';

export interface ExportJob {
  id: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  processed: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/**
 * Bulk export of the public register as JSON Lines (one public profile per line). Runs in the background in
 * batches; the job reports total and processed rows so a long export shows progress. Jobs live in this process.
 */
@Injectable()
export class RegisterExportService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly jobs = new Map<string, ExportJob & { path: string; done: Promise<void> }>();
  private readonly dir = join(tmpdir(), `sop-credit-exports-${process.pid}`);
  private readonly batchSize = 200;

  constructor(
    private readonly ds: DataSource,
    private readonly profiles: CreditProfileQuery,
    private readonly clock: Clock,
  ) {}

  async start(): Promise<ExportJob> {
    mkdirSync(this.dir, { recursive: true });
    const total = await this.ds.manager.count(CreditOrganizationOrmEntity);
    const id = randomUUID();
    const path = join(this.dir, `${id}.jsonl`);
    const job = { id, status: 'RUNNING' as ExportJob['status'], total, processed: 0, startedAt: this.clock.now().toISOString(), finishedAt: null as string | null, error: null as string | null, path, done: Promise.resolve() };
    this.jobs.set(id, job);
    job.done = this.run(job).catch((err: Error) => {
      job.status = 'FAILED';
      job.error = err.message;
      job.finishedAt = this.clock.now().toISOString();
    });
    return this.view(job);
  }

  private async run(job: ExportJob & { path: string }): Promise<void> {
    const out: WriteStream = createWriteStream(job.path, { encoding: 'utf8' });
    try {
      let cursor = '';
      for (;;) {
        const orgs = await this.ds.manager.find(CreditOrganizationOrmEntity, { where: cursor ? { uscc: MoreThan(cursor) } : {}, order: { uscc: 'ASC' }, take: this.batchSize });
        if (orgs.length === 0) break;
        for (const p of await this.profiles.profiles(orgs)) {
          if (!out.write(JSON.stringify(p) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        job.processed += orgs.length;
        cursor = orgs[orgs.length - 1].uscc;
      }
    } finally {
      await new Promise<void>((resolve) => out.end(resolve));
    }
    job.total = Math.max(job.total, job.processed);
    job.status = 'DONE';
    job.finishedAt = this.clock.now().toISOString();
  }

  private view(job: ExportJob): ExportJob {
    const { id, status, total, processed, startedAt, finishedAt, error } = job;
    return { id, status, total, processed, startedAt, finishedAt, error };
  }

  get(id: string): ExportJob {
    const job = this.jobs.get(id);
    if (!job) throw ProblemError.notFound('CREDIT.EXPORT_NOT_FOUND', `no export ${id} in this process`);
    return this.view(job);
  }

  /** Path of a finished export's JSONL file. */
  file(id: string): string {
    const job = this.jobs.get(id);
    if (!job) throw ProblemError.notFound('CREDIT.EXPORT_NOT_FOUND', `no export ${id} in this process`);
    if (job.status !== 'DONE') throw ProblemError.conflict('CREDIT.EXPORT_NOT_READY', `export ${id} is ${job.status} (${job.processed}/${job.total})`);
    return job.path;
  }

  async waitFor(id: string): Promise<ExportJob> {
    const job = this.jobs.get(id);
    if (!job) throw ProblemError.notFound('CREDIT.EXPORT_NOT_FOUND', `no export ${id} in this process`);
    await job.done;
    return this.view(job);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  onApplicationShutdown(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
