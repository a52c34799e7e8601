import { hasCategoryPriority } from './supplier-priority';

describe('supplier category priority', () => {
  it('prioritises the four direct-registration categories only', () => {
    expect(hasCategoryPriority('PUBLIC_INTEREST_CHARITY')).toBe(true);
    expect(hasCategoryPriority('URBAN_RURAL_COMMUNITY_SERVICE')).toBe(true);
    expect(hasCategoryPriority('RELIGION')).toBe(false);
  });
});
