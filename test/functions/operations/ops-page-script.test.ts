/** The ops page's script is plain JavaScript inside a template string: it must parse, and every element it looks up must be on the page (no browser needed to catch either). */
import { opsPageHtml } from '../../../functions/operations/ops-page-html';

describe('the ops page script', () => {
  const html = opsPageHtml('test-nonce');
  const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

  it('is on the page with its nonce', () => {
    expect(html).toContain('nonce="test-nonce"');
    expect(script.length).toBeGreaterThan(0);
  });

  it('parses as JavaScript', () => {
    expect(() => new Function(script)).not.toThrow();
  });

  it('looks up only elements the page has', () => {
    const ids = new Set([...script.matchAll(/\$\('([A-Za-z0-9_-]+)'\)/g)].map((m) => m[1]!));
    expect([...ids].filter((id) => !html.includes(`id="${id}"`))).toEqual([]);
  });
});
