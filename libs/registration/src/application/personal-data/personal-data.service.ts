import { Injectable } from '@nestjs/common';
import type { Tx } from '@sop/messaging';
import { maskResidentId, normalizeResidentId } from '../../domain/resident-id';
import { RegistrationErrors } from '../../domain/registration.errors';
import { PersonalDataStore, PiiProtector, type PersonalDataRecord } from './personal-data.ports';

/**
 * The one place where use cases touch ID numbers: stored only encrypted with a blind index, shown only masked, and
 * compared across organizations only by the index (the social-group rule of 社团条例 Art. 12).
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly store: PersonalDataStore,
    private readonly pii: PiiProtector,
  ) {}

  /** The stored form of an ID number: ciphertext and blind index of the normalized number. */
  protect(idNumber: string): Pick<PersonalDataRecord, 'idNumberCipher' | 'idNumberIndex'> {
    const id = normalizeResidentId(idNumber);
    return { idNumberCipher: this.pii.encrypt(id), idNumberIndex: this.pii.blindIndex(id) };
  }

  /** The ID number in clear, to tell a new legal representative from the current one; never returned to callers. */
  reveal(row: Pick<PersonalDataRecord, 'idNumberCipher'>): string {
    return this.pii.decrypt(row.idNumberCipher);
  }

  /** 110***********1234: what registrars in jurisdiction see. */
  masked(row: Pick<PersonalDataRecord, 'idNumberCipher'>): string {
    return maskResidentId(this.reveal(row));
  }

  /**
   * 社团条例 Art. 12: a social group's legal representative may not at the same time represent another social group
   * (registered and active, or applied for). `field` is the input that carried the ID number.
   */
  async assertNotLegalRepresentativeOfAnotherGroup(tx: Tx, idNumberIndex: string, applicationId: string, who: { person: 'proposed' | 'new'; field: string }): Promise<void> {
    if (await this.store.legalRepresentativeOfSocialGroup(tx, idNumberIndex, applicationId)) {
      throw new RegistrationErrors.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP(
        `the ${who.person} legal representative already represents (or is proposed for) another social group (社团条例 Art. 12)`,
        { violations: [{ field: who.field, rule: 'oneSocialGroupPerLegalRepresentative', message: '社团条例 Art. 12' }] },
      );
    }
  }
}
