import fc from 'fast-check';
import { fitBlocks, wrapText, charLength } from '../../../core/orders/text-wrap';
import { layoutShipTo } from '../../../core/orders/ship-to-address';

const letters = (s: string): string => [...s].filter((c) => !/\s|,/u.test(c)).join('');
const word = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('Müller', 'Straße', '東京都千代田区丸の内一丁目九番二号', '🏠', 'São', 'a'.repeat(50)),
).map((w) => w.replace(/\s/gu, '') || 'x');
const text = fc.array(word, { minLength: 0, maxLength: 30 }).map((ws) => ws.join(' '));

describe('wrapText', () => {
  it('never loses a character and never exceeds the width', () => {
    fc.assert(fc.property(text, fc.integer({ min: 1, max: 40 }), (t, width) => {
      const lines = wrapText(t, width);
      for (const line of lines) expect(charLength(line)).toBeLessThanOrEqual(width);
      expect(letters(lines.join(''))).toBe(letters(t));
    }));
  });

  it('breaks between words when every word fits a line', () => {
    expect(wrapText('Rua Professor Doutor Antônio Carlos', 20)).toEqual(['Rua Professor Doutor', 'Antônio Carlos']);
  });
});

describe('fitBlocks', () => {
  it('keeps every word that fits in the slots and returns the rest as overflow', () => {
    fc.assert(fc.property(fc.array(text, { maxLength: 6 }), (blocks) => {
      const { lines, overflow } = fitBlocks(blocks, 4, 36);
      expect(lines.length).toBeLessThanOrEqual(4);
      for (const line of lines) expect(charLength(line)).toBeLessThanOrEqual(36);
      expect(letters([...lines, ...overflow].join(''))).toBe(letters(blocks.join('')));
      if (overflow.length > 0) expect(lines.length).toBe(4);
    }));
  });
});

describe('layoutShipTo', () => {
  it('puts every address word in an M3 field or reports an issue', () => {
    const part = fc.option(text, { nil: undefined });
    fc.assert(fc.property(part, part, part, part, part, (name, line1, line2, line3, city) => {
      const { params, issues } = layoutShipTo({ name, line1, line2, line3, city, countryCode: 'DE' }, { companyFirst: true, longPhoneToPhn2: true });
      for (const [field, value] of Object.entries(params)) {
        const max = field === 'TOWN' ? 20 : field === 'CSCD' ? 3 : 36;
        expect(charLength(value)).toBeLessThanOrEqual(max);
      }
      const placed = letters(Object.entries(params).filter(([k]) => k !== 'CSCD').map(([, v]) => v).join(''));
      const given = letters([name, line1, line2, line3, city].map((v) => v ?? '').join(''));
      if (issues.some((i) => i.code === 'ADDRESS_TOO_LONG')) expect(placed.length).toBeLessThan(given.length);
      else expect(placed.length).toBe(given.length);
    }));
  });

  it('moves a 120-character street over several lines at word boundaries', () => {
    const street = 'Avenida '.concat(Array.from({ length: 14 }, (_, i) => `Palavra${i}`).join(' '));
    expect(street.length).toBeGreaterThanOrEqual(120);
    const { params, issues } = layoutShipTo({ name: 'Ana', line1: street, city: 'Lisboa' }, { companyFirst: true, longPhoneToPhn2: true });
    expect(issues).toEqual([]);
    expect([params.CUA1, params.CUA2, params.CUA3, params.CUA4].filter(Boolean).join(' ')).toBe(street);
  });

  it('sends a long phone number in PHN2 and never quotes personal data in issues', () => {
    const { params } = layoutShipTo({ phone: '+49 (0) 89 123456789' }, { companyFirst: true, longPhoneToPhn2: true });
    expect(params.PHN2).toBe('+49089123456789');
    const tooLong = layoutShipTo({ phone: '+49 89 1234 5678 9012 3456' }, { companyFirst: true, longPhoneToPhn2: true });
    expect(tooLong.issues.map((i) => i.code)).toEqual(['PHONE_TOO_LONG']);
    expect(JSON.stringify(tooLong.issues)).not.toContain('1234');
  });
});
