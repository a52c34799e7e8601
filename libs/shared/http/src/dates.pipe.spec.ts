import { CivilDatePipe, InstantPipe } from './dates.pipe';

describe('date pipes for single parameters', () => {
  it('read an exact instant, or refuse with a 400 naming the field and the rule', () => {
    expect(new InstantPipe('asOf').transform('2027-01-01T08:00:00+08:00')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(new InstantPipe('asOf').transform(undefined)).toBeUndefined();
    for (const bad of ['2027-W01-1', '20270101', '2027-01-01T10', '2027-123', ['2027-01-01T00:00Z']]) {
      expect(() => new InstantPipe('asOf').transform(bad)).toThrow(
        expect.objectContaining({ code: 'VALIDATION.FAILED', violations: [expect.objectContaining({ field: 'asOf', rule: 'isInstant' })] }),
      );
    }
  });

  it('read a real civil day, or refuse 31 February', () => {
    expect(new CivilDatePipe('on').transform('2024-02-29')).toBe('2024-02-29');
    expect(() => new CivilDatePipe('on').transform('2027-02-31')).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'on', rule: 'isCivilDate' })] }));
  });
});
