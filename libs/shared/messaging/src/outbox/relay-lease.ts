import type { Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isSqlite } from '@sop/persistence';

function affectedRows(result: unknown): number {
  const header = (Array.isArray(result) ? result[0] : result) as { affectedRows?: unknown } | undefined;
  return Number(header?.affectedRows ?? 0);
}

/**
 * The relay's leadership lease (MySQL row relay_lease, in database time): held while renewed every `renewMs`,
 * taken by a standby once `ttlMs` passed without renewal. SQLite (embedded, one process) is always its own leader.
 */
export class RelayLease {
  leader = false;
  private renewedAt = 0;
  private readonly holderId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly ds: DataSource,
    private readonly name: string,
    private readonly ttlMs: number,
    private readonly renewMs: number,
    private readonly logger: Logger,
  ) {
    if (renewMs * 2 > ttlMs) throw new Error('the relay lease must be renewed at least twice per lease (leaseRenewMs <= leaseTtlMs / 2)');
  }

  /** True while this instance holds the lease: renewed when due, taken when free or expired. */
  async ensure(): Promise<boolean> {
    if (isSqlite(this.ds)) return (this.leader = true);
    if (this.leader && Date.now() - this.renewedAt < this.renewMs) return true;
    const asked = Date.now();
    let held: boolean;
    try {
      held = await this.takeOrRenewLease();
    } catch (err) {
      this.leader = false; // unknown: do not publish on a lease that may have expired
      throw err;
    }
    if (held) {
      this.renewedAt = asked;
      if (!this.leader) this.logger.log(`this instance (${this.holderId}) is the active outbox relay`);
    } else if (this.leader) {
      this.logger.warn('lost relay leadership: another instance holds the lease');
    }
    this.leader = held;
    return held;
  }

  private async takeOrRenewLease(): Promise<boolean> {
    const ttlMicros = this.ttlMs * 1000;
    const updated = await this.ds.query(
      'UPDATE relay_lease SET holder = ?, expires_at = DATE_ADD(NOW(6), INTERVAL ? MICROSECOND) WHERE name = ? AND (holder = ? OR expires_at < NOW(6))',
      [this.holderId, ttlMicros, this.name, this.holderId],
    );
    if (affectedRows(updated) > 0) return true;
    const inserted = await this.ds.query('INSERT IGNORE INTO relay_lease (name, holder, expires_at) VALUES (?, ?, DATE_ADD(NOW(6), INTERVAL ? MICROSECOND))', [
      this.name,
      this.holderId,
      ttlMicros,
    ]);
    return affectedRows(inserted) > 0;
  }

  /** On a clean stop the lease ends at once, so a standby takes over at its next poll. */
  async release(): Promise<void> {
    const wasLeader = this.leader;
    this.leader = false;
    if (!wasLeader || isSqlite(this.ds) || !this.ds.isInitialized) return;
    await this.ds
      .query('UPDATE relay_lease SET expires_at = DATE_SUB(NOW(6), INTERVAL 1 SECOND) WHERE name = ? AND holder = ?', [this.name, this.holderId])
      .catch((err: Error) => this.logger.warn(`could not release the relay lease (it expires on its own): ${err.message}`));
  }
}
