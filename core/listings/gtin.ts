// GTIN (EAN-8/UPC-A/EAN-13/GTIN-14) check-digit validation: Amazon rejects identifiers with a wrong check digit.
/** True for 8, 12, 13 or 14 digits whose last digit is the GS1 mod-10 check digit of the others. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() ?? 0;
  // GS1: weights 3,1,3,1… from the right, excluding the check digit.
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
