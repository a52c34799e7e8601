import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { MovableClock } from '@sop/util';
import { CreditExportJobOrmEntity, CreditOrganizationOrmEntity } from '../credit.orm-entities';
import type { CreditSupervisionEnv } from '../../credit-supervision.config';
import type { CreditProfileQuery } from './credit-profile.query';
import { RegisterExportService } from './register-export.service';

describe('a failing export', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sop-export-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A database that answers the start, then fails every read of the register and every update. */
  function failingDatabase(): { ds: DataSource; updates: unknown[] } {
    const updates: unknown[] = [];
    const manager = {
      find: async (entity: unknown) => {
        if (entity === CreditOrganizationOrmEntity) throw new Error('connection lost while reading the register');
        return [];
      },
      findOne: async () => null,
      findOneBy: async () => null,
      count: async () => 3,
      insert: async () => undefined,
      update: async (entity: unknown, where: unknown, values: unknown) => {
        updates.push({ entity, where, values });
        throw new Error('connection lost while recording FAILED');
      },
    };
    return { ds: { options: { type: 'better-sqlite3' }, manager } as unknown as DataSource, updates };
  }

  it('whose FAILED update also fails is logged, and rejects nothing: the process survives', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { ds, updates } = failingDatabase();
      const config = { CREDIT_EXPORT_RETENTION_DAYS: 7 } as CreditSupervisionEnv;
      const service = new RegisterExportService(ds, {} as CreditProfileQuery, new MovableClock(new Date('2027-01-04T02:00:00Z')), config, dir);
      const job = await service.start();
      expect(job).toMatchObject({ status: 'RUNNING', total: 3 });
      // Waits for the background run: before the fix this rejected, and in the server nothing awaited it.
      await expect(service.beforeApplicationShutdown()).resolves.toBeUndefined();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(updates).toEqual([{ entity: CreditExportJobOrmEntity, where: { id: job.id }, values: expect.objectContaining({ status: 'FAILED', error: 'connection lost while reading the register' }) }]);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('recording FAILED failed too (connection lost while recording FAILED)'));
    } finally {
      process.off('unhandledRejection', onUnhandled);
      logged.mockRestore();
    }
  });
});
