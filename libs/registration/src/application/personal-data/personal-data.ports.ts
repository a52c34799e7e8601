import type { Tx } from '@sop/messaging';

export type PersonRole = 'LEGAL_REPRESENTATIVE' | 'OFFICER';

/** A row of the restricted personal-data table: the ID number only as ciphertext and blind index. */
export interface PersonalDataRecord {
  applicationId: string;
  personRole: PersonRole;
  position: number;
  name: string;
  title: string | null;
  idNumberCipher: string;
  idNumberIndex: string;
  /** Legal representatives registered by a change: the organization and the day it took effect (null: from the application). */
  uscc?: string | null;
  effectiveFrom?: Date | null;
  /** Set when a later change of legal representative replaced this person (社团条例 Art. 12 checks only current ones). */
  supersededAt?: Date | null;
}

/** Persistence port of founders', officers' and legal representatives' personal data. */
export abstract class PersonalDataStore {
  abstract savePersonalData(tx: Tx, rows: PersonalDataRecord[]): Promise<void>;
  /** The people named in the application itself (not legal representatives registered by later changes). */
  abstract findPersonalData(applicationId: string): Promise<PersonalDataRecord[]>;
  /** Every legal representative of the organization registered from this application, oldest first. */
  abstract legalRepresentativesOf(tx: Tx | null, applicationId: string): Promise<PersonalDataRecord[]>;
  /** Marks the current legal representative of the application's organization as replaced at `at`. */
  abstract supersedeLegalRepresentative(tx: Tx, applicationId: string, at: Date): Promise<void>;
  /**
   * Is this person (by blind index) the current legal representative of a registered (still active) social group,
   * or of another pending social-group application?
   */
  abstract legalRepresentativeOfSocialGroup(tx: Tx, idNumberIndex: string, exceptApplicationId?: string): Promise<boolean>;
}

/**
 * Protection of ID numbers: authenticated encryption for storage and a keyed blind index for equality checks.
 * Implemented in infrastructure (AES-256-GCM, key from REGISTRATION_PII_KEY).
 */
export abstract class PiiProtector {
  abstract encrypt(plaintext: string): string;
  abstract decrypt(ciphertext: string): string;
  abstract blindIndex(plaintext: string): string;
}
