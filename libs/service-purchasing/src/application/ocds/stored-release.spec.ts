import { cny, ocdsJson, releaseFor } from '../../domain/ocds';
import { OPEN_TENDER_EVENTS, openTenderSnapshot } from '../../domain/ocds/ocds.fixture';
import { cnyOfDecimal, parseStoredRelease } from './stored-release';

describe('stored releases read back exactly', () => {
  it('gives back every release of the open tender digit for digit (amounts as CnyAmount)', () => {
    for (const e of OPEN_TENDER_EVENTS) {
      const text = ocdsJson(releaseFor(e, openTenderSnapshot()));
      const back = parseStoredRelease(text);
      expect(ocdsJson(back)).toBe(text);
    }
  });

  it('keeps amounts a double cannot hold (2^53 - 1 fen) and negative amounts exact', () => {
    const release = { ocid: 'ocds-sopdev-x', id: 'r', date: '2027-01-01T00:00:00+08:00', tag: ['tender'], initiationType: 'tender', tender: { id: 't', value: cny(9_007_199_254_740_991), minValue: cny(-5) } };
    const text = ocdsJson(release);
    expect(text).toContain('"amount":90071992547409.91');
    expect(ocdsJson(parseStoredRelease(text))).toBe(text);
    expect(JSON.stringify(JSON.parse(text))).not.toContain('90071992547409.91'); // what plain JSON.parse would have lost
  });

  it('leaves text inside strings alone, even when it looks like an amount', () => {
    const text = ocdsJson({ ocid: 'o', id: 'r', date: 'd', tag: ['tender'], initiationType: 'tender', tender: { description: 'x "amount":12.5 \\"amount\\":7', value: cny(1250) } });
    const back = parseStoredRelease(text) as unknown as { tender: { description: string; value: { amount: { decimal: string } } } };
    expect(back.tender.description).toBe('x "amount":12.5 \\"amount\\":7');
    expect(back.tender.value.amount.decimal).toBe('12.5');
  });

  it('reads decimals of yuan into fen by integer arithmetic and refuses anything else', () => {
    expect(cnyOfDecimal('0.1').fen).toBe(10n);
    expect(cnyOfDecimal('1123456.78').fen).toBe(112345678n);
    expect(cnyOfDecimal('-3').fen).toBe(-300n);
    for (const bad of ['1.234', '1e3', 'x', '']) expect(() => cnyOfDecimal(bad)).toThrow(RangeError);
  });
});
