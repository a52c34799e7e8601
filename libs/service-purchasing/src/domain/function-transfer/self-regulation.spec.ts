import { assertNoPersonalData } from './self-regulation';

describe('self-regulation records are public: no personal data (issue 12 item 6)', () => {
  it('refuses identity-card and mobile numbers in free text, naming the field', () => {
    expect(() => assertNoPersonalData({ 'patrol.findings': ['店主张某 110101199003071234 未亮证'] })).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.PERSONAL_DATA', field: 'patrol.findings' }));
    expect(() => assertNoPersonalData({ 'rectification.issue': '联系13912345678' })).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.PERSONAL_DATA' }));
  });

  it('accepts businesses by name and USCC, dates and counts', () => {
    expect(() => assertNoPersonalData({ 'signature.businessName': '北京南锣文创商店有限公司 91110101MA01ABCD1X', 'patrol.area': '南锣鼓巷主街 2026-03-02，3家' })).not.toThrow();
  });
});
