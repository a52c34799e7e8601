import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME6 } from '@sop/persistence';

/**
 * The checkpoint signing keys a producer has used, with when each was first used and when the next replaced it:
 * the rotation history GET /<service>/audit/keys serves. Public halves only.
 */
@Entity({ name: 'audit_signing_key' })
export class SigningKeyOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ type: 'varchar', length: 20 })
  algorithm: string;

  @Column({ type: 'text' })
  publicKeyPem: string;

  @Column({ ...DATETIME6 })
  validFrom: Date;

  @Column({ ...DATETIME6, nullable: true })
  validUntil: Date | null;
}
