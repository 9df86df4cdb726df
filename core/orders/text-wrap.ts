/** Fits free text into fixed-length M3 fields by wrapping at word boundaries; lengths count characters (code points). */

/** Characters as M3 counts them: code points, not UTF-16 units (`ü` = 1, `😀` = 1). */
export function charLength(text: string): number {
  return [...text].length;
}

export function normalizeSpaces(text: string | undefined): string {
  return (text ?? '').replace(/\s+/gu, ' ').trim();
}

/**
 * Wraps text into lines of at most `width` characters, breaking between words. A single word longer
 * than a line (a long house name, CJK text without spaces) is split at the width so nothing is lost.
 */
export function wrapText(text: string, width: number): string[] {
  const words = normalizeSpaces(text).split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let current: string[] = [];
  let currentLength = 0;
  for (const word of words) {
    let chars = [...word];
    const gap = current.length > 0 ? 1 : 0;
    if (currentLength + gap + chars.length <= width) {
      current.push(word);
      currentLength += gap + chars.length;
      continue;
    }
    if (current.length > 0) lines.push(current.join(' '));
    current = [];
    currentLength = 0;
    while (chars.length > width) {
      lines.push(chars.slice(0, width).join(''));
      chars = chars.slice(width);
    }
    if (chars.length > 0) {
      current = [chars.join('')];
      currentLength = chars.length;
    }
  }
  if (current.length > 0) lines.push(current.join(' '));
  return lines;
}

/**
 * Lays out text blocks (each normally starting a new line) over `slots` lines of `width`.
 * When they do not fit line-per-block, the blocks flow together separated by ", " to save lines.
 * `overflow` is what did not fit even then (empty when everything fits).
 */
export function fitBlocks(blocks: readonly string[], slots: number, width: number): { lines: string[]; overflow: string[] } {
  const clean = blocks.map(normalizeSpaces).filter((b) => b !== '');
  const perBlock = clean.flatMap((b) => wrapText(b, width));
  if (perBlock.length <= slots) return { lines: perBlock, overflow: [] };
  const flowed = flowBlocks(clean, width);
  return { lines: flowed.slice(0, slots), overflow: flowed.slice(slots) };
}

/** Blocks joined with ", " and wrapped as one text, keeping each block's words in order. */
function flowBlocks(blocks: readonly string[], width: number): string[] {
  const joined = blocks.map((b, i) => (i < blocks.length - 1 ? `${b},` : b)).join(' ');
  return wrapText(joined, width);
}
