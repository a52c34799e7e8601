import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { IsCivilDate, IsCivilDateOrInstant, IsInstant, parseInstant } from './instant';
import { parseCivilDate } from './civil-date';

class Probe {
  @IsInstant() at!: string;
  @IsCivilDate() on!: string;
  @IsCivilDateOrInstant() from!: string;
}

describe('one reader of instants and civil dates', () => {
  it('reads instants written exactly, with their offset', () => {
    expect(parseInstant('2027-01-01T10:00Z')?.toISOString()).toBe('2027-01-01T10:00:00.000Z');
    expect(parseInstant('2027-01-01T10:00:30+08:00')?.toISOString()).toBe('2027-01-01T02:00:30.000Z');
    expect(parseInstant('2027-01-01T00:00:00.5-05:30')?.toISOString()).toBe('2027-01-01T05:30:00.500Z');
    expect(parseInstant('2027-01-01T10:00:00.123456789Z')?.toISOString()).toBe('2027-01-01T10:00:00.123Z');
    expect(parseInstant('2024-02-29T23:59:59+08:00')?.toISOString()).toBe('2024-02-29T15:59:59.000Z');
    expect(parseInstant('0001-01-01T00:00Z')?.toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it.each([
    '2027-W01-1', '20270101', '2027-01-01T10', '2027-123', '2027-02-31T10:00Z', '2027-01-01T10:00', '2027-01-01', '2027-01-01T24:00Z',
    '2027-01-01T10:60Z', '2027-01-01T10:00:60Z', '2027-01-01T10:00+24:00', '2027-01-01T10:00+0800', '2027-01-01 10:00Z', ' 2027-01-01T10:00Z',
    '2027-01-01T10:00Z\n', '2027-01-01T10:00:00.Z', '2027-1-01T10:00Z', '+002027-01-01T10:00Z', '２０２７-01-01T10:00Z', '2023-02-29T00:00Z', '',
  ])('refuses %j', (value) => {
    expect(parseInstant(value)).toBeNull();
  });

  it.each(['2027-02-31', '2027-13-01', '2027-00-10', '2027-W01-1', '20270101', '2027-123', '2027-01-01T00:00Z', '2023-02-29'])('refuses %j as a civil date', (value) => {
    expect(parseCivilDate(value)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    for (const v of [undefined, null, 20270101, {}, [], new Date()]) expect(parseInstant(v)).toBeNull();
  });

  it('property: what it reads is what new Date() reads, for every real instant it accepts', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00Z'), max: new Date('9998-12-31T23:59Z'), noInvalidDate: true }), fc.integer({ min: -23 * 60, max: 23 * 60 }), (d, offset) => {
        const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(text)?.getTime()).toBe(d.getTime());
        expect(new Date(text).getTime()).toBe(d.getTime());
      }),
    );
  });

  it('property: any string it accepts is one new Date() reads to the same instant', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(:[0-6]\d(\.\d{1,3})?)?(Z|[+-][0-2]\d:[0-5]\d)$/), (text) => {
        const parsed = parseInstant(text);
        if (parsed && +text.slice(0, 4) >= 100) expect(parsed.getTime()).toBe(new Date(text).getTime());
      }),
    );
  });

  it('names the field and the rule in validation errors', () => {
    const errors = validateSync(plainToInstance(Probe, { at: '2027-W01-1', on: '2027-02-31', from: '2027-01-01T10' }));
    expect(errors.map((e) => [e.property, Object.keys(e.constraints ?? {})[0]])).toEqual([
      ['at', 'isInstant'],
      ['on', 'isCivilDate'],
      ['from', 'isCivilDateOrInstant'],
    ]);
    expect(validateSync(plainToInstance(Probe, { at: '2027-01-01T10:00+08:00', on: '2024-02-29', from: '2027-01-01' }))).toEqual([]);
  });
});
