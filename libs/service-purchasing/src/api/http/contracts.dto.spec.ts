import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ONE_YEAR_2027 } from '../../test-support/contract-terms.fixture';
import { SignContractRequest } from './contracts.dto';

const body = (over: Record<string, unknown> = {}) => plainToInstance(SignContractRequest, { ...ONE_YEAR_2027, signedAt: '2026-12-01T10:00:00+08:00', ...over });
const failedFields = (over: Record<string, unknown>) => validateSync(body(over)).map((e) => e.property);

describe('POST /contracts body: civil dates YYYY-MM-DD, instants with an offset', () => {
  it('accepts an instant in UTC or with a Beijing offset', () => {
    for (const signedAt of ['2026-12-01T02:00:00.000Z', '2026-12-01T10:00:00+08:00', '2026-12-01T10:00+08:00']) expect(failedFields({ signedAt })).toEqual([]);
  });

  it('refuses an instant without an offset (it would be read eight hours off), naming signedAt', () => {
    for (const signedAt of ['2026-12-01', '2026-12-01T10:00:00', '2026-12-01T10:00:00.000', 'yesterday']) expect(failedFields({ signedAt })).toEqual(['signedAt']);
  });

  it('refuses term dates that are not YYYY-MM-DD, naming the field (real days are checked by the domain with parseCivilDate)', () => {
    expect(failedFields({ termStart: '2027-1-1' })).toEqual(['termStart']);
    expect(failedFields({ termEnd: '2027-12-31T00:00:00Z' })).toEqual(['termEnd']);
  });
});
