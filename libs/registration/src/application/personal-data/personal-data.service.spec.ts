import type { Tx } from '@sop/messaging';
import { PersonalDataStore, PiiProtector, type PersonalDataRecord } from './personal-data.ports';
import { PersonalDataService } from './personal-data.service';

/** Reversible stand-in for AES-GCM: enough to see what is encrypted and what is indexed. */
class FakePii extends PiiProtector {
  encrypt = (plaintext: string) => `enc(${plaintext})`;
  decrypt = (ciphertext: string) => ciphertext.slice(4, -1);
  blindIndex = (plaintext: string) => `idx(${plaintext})`;
}

class FakePeople extends PersonalDataStore {
  representing = new Set<string>();
  savePersonalData = async () => undefined;
  findPersonalData = async (): Promise<PersonalDataRecord[]> => [];
  legalRepresentativesOf = async (): Promise<PersonalDataRecord[]> => [];
  supersedeLegalRepresentative = async () => undefined;
  legalRepresentativeOfSocialGroup = async (_tx: Tx, idNumberIndex: string) => this.representing.has(idNumberIndex);
}

describe('personal data of applicants and legal representatives', () => {
  const people = new FakePeople();
  const service = new PersonalDataService(people, new FakePii());
  const tx = {} as Tx;

  it('stores the normalized ID number only encrypted and indexed, and shows it masked', () => {
    const stored = service.protect(' 11010519491231002x ');
    expect(stored).toEqual({ idNumberCipher: 'enc(11010519491231002X)', idNumberIndex: 'idx(11010519491231002X)' });
    expect(service.reveal(stored)).toBe('11010519491231002X');
    expect(service.masked(stored)).toBe('110***********002X');
  });

  it('refuses a person who already represents another social group (社团条例 Art. 12), naming the input', async () => {
    people.representing.add('idx(taken)');
    await expect(service.assertNotLegalRepresentativeOfAnotherGroup(tx, 'idx(free)', 'a-1', { person: 'proposed', field: 'legalRepresentativeIdNumber' })).resolves.toBeUndefined();
    await expect(service.assertNotLegalRepresentativeOfAnotherGroup(tx, 'idx(taken)', 'a-1', { person: 'new', field: 'legalRepresentative.idNumber' })).rejects.toMatchObject({
      kind: 'REFUSED',
      code: 'REGISTRATION.LEGAL_REPRESENTATIVE_OF_ANOTHER_GROUP',
      message: expect.stringContaining('the new legal representative'),
      violations: [{ field: 'legalRepresentative.idNumber', rule: 'oneSocialGroupPerLegalRepresentative', message: '社团条例 Art. 12' }],
      extensions: {},
    });
  });
});
