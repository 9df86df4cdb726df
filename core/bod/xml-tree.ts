/**
 * A single-pass, namespace-aware XML reader for BODs. It checks well-formedness as it builds the tree
 * (so there is no separate validation pass), never expands anything but the five predefined entities and
 * character references, never resolves an external resource, and stops at the depth limit before going deeper.
 */
import { BodError } from './bod-error';

export interface XmlElement {
  /** Qualified name as written (`ns0:Shipment`), kept to match the end tag. */
  readonly name: string;
  readonly local: string;
  /** Namespace URI; '' when the element is in no namespace. */
  readonly ns: string;
  /** Attributes by local name (namespace declarations excluded). */
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Shared by every element without attributes: one object instead of one per element (most BOD elements have none). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);
/** OAGIS elements carry a handful of attributes; thousands on one element is an attack on the parser's time and memory. */
export const MAX_ATTRIBUTES_PER_ELEMENT = 64;
const GT = 62, SLASH = 47, BANG = 33, QUESTION = 63, EQ = 61, QUOT = 34, APOS = 39, COLON = 58;

/**
 * Characters XML 1.0 §2.2 forbids anywhere in a document: C0 controls other than TAB/LF/CR, and U+FFFE/U+FFFF.
 * (Lone surrogates cannot come out of the strict decoders; string input is checked for them in xml-encoding.)
 */
// oxlint-disable-next-line no-control-regex -- these control characters are what the pattern looks for
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === COLON || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

export function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1 };
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export interface XmlLimits {
  maxDepth: number;
  /** Elements counted as they open: a flood of empty elements stops here, before it costs memory (each ≈ 300 bytes). */
  maxElements: number;
}

export function parseXmlTree(xml: string, limits: XmlLimits): XmlElement {
  const { maxDepth, maxElements } = limits;
  let elementCount = 0;
  const len = xml.length;
  const stack: XmlElement[] = [];
  const scopes: Record<string, string>[] = [];
  let scope: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NS });
  let root: XmlElement | undefined;
  let pos = 0;

  const fail = (message: string, at: number): BodError => {
    const { line, column } = lineAndColumn(xml, at);
    const path = stack.map((e) => e.local).join('/');
    return new BodError('NOT_WELL_FORMED', `not well-formed XML at line ${line}, column ${column}: ${message}`, { path, line, column });
  };

  const forbidden = FORBIDDEN_CHAR.exec(xml);
  if (forbidden) throw fail(`character U+${forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, forbidden.index);

  const decodeEntities = (raw: string, at: number): string => {
    let out = '';
    let last = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', last)) {
      const semi = raw.indexOf(';', amp + 1);
      if (semi === -1 || semi - amp > 12) throw fail(`'&' must start an entity or character reference (write &amp;)`, at + amp);
      const ref = raw.slice(amp + 1, semi);
      let value: string;
      if (ref === 'amp') value = '&';
      else if (ref === 'lt') value = '<';
      else if (ref === 'gt') value = '>';
      else if (ref === 'quot') value = '"';
      else if (ref === 'apos') value = "'";
      else if (/^#[0-9]+$/.test(ref) || /^#x[0-9A-Fa-f]+$/.test(ref)) {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!isXmlChar(code)) throw fail(`character reference &${ref}; is not a legal XML character`, at + amp);
        value = String.fromCodePoint(code);
      } else {
        // Only a DTD could declare other entities, and DTDs are refused: nothing is ever expanded.
        throw fail(`undefined entity &${ref};`, at + amp);
      }
      out += raw.slice(last, amp) + value;
      last = semi + 1;
    }
    return out + raw.slice(last);
  };

  const scanName = (p: number, what: string): number => {
    if (!isNameStart(xml.charCodeAt(p))) throw fail(`expected ${what} name`, p);
    let q = p + 1;
    while (q < len && isNameChar(xml.charCodeAt(q))) q += 1;
    return q;
  };

  const skipSpace = (p: number): number => {
    while (p < len && isSpace(xml.charCodeAt(p))) p += 1;
    return p;
  };

  const text = (start: number, end: number): void => {
    const top = stack[stack.length - 1];
    const segment = xml.slice(start, end);
    if (top === undefined) {
      if (segment.trim() !== '') throw fail(root ? 'text after the root element' : 'text before the root element (is this XML?)', start + segment.search(/\S/));
      return;
    }
    if (segment.includes(']]>')) throw fail(`']]>' is not allowed in text`, start + segment.indexOf(']]>'));
    top.text += segment.includes('&') ? decodeEntities(segment, start) : segment;
  };

  const startTag = (lt: number): number => {
    const nameEnd = scanName(lt + 1, 'element');
    const qname = xml.slice(lt + 1, nameEnd);
    if (root && stack.length === 0) throw fail(`a second root element <${qname}>`, lt);
    elementCount += 1;
    if (elementCount > maxElements) {
      const { line, column } = lineAndColumn(xml, lt);
      throw new BodError('TOO_MANY_ELEMENTS', `the document has more than ${maxElements} elements (at line ${line}, column ${column})`, { path: stack.slice(0, 4).map((e) => e.local).join('/'), line, column });
    }
    if (stack.length >= maxDepth) {
      const { line, column } = lineAndColumn(xml, lt);
      const names = stack.map((e) => e.local);
      const path = names.length > 6 ? `${names.slice(0, 4).join('/')}/…/${names[names.length - 1]}` : names.join('/');
      throw new BodError('TOO_DEEP', `element nesting exceeds ${maxDepth} levels at line ${line}, column ${column} (<${qname}>)`, { path, line, column });
    }
    const qnames: string[] = [];
    const values: string[] = [];
    // A map, not qnames.includes: one element with a million attributes must not cost a million squared.
    const seen = Object.create(null) as Record<string, true>;
    let p = nameEnd;
    let selfClosing = false;
    for (;;) {
      const before = p;
      p = skipSpace(p);
      const c = xml.charCodeAt(p);
      if (c === GT) { p += 1; break; }
      if (c === SLASH) {
        if (xml.charCodeAt(p + 1) !== GT) throw fail(`expected '>' after '/' in <${qname}>`, p + 1);
        p += 2;
        selfClosing = true;
        break;
      }
      if (p >= len) throw fail(`start tag <${qname}> is not closed`, lt);
      if (p === before) throw fail(`whitespace required before attribute in <${qname}>`, p);
      const attrEnd = scanName(p, 'attribute');
      const attr = xml.slice(p, attrEnd);
      p = skipSpace(attrEnd);
      if (xml.charCodeAt(p) !== EQ) throw fail(`attribute ${attr} in <${qname}> has no value`, p);
      p = skipSpace(p + 1);
      const quote = xml.charCodeAt(p);
      if (quote !== QUOT && quote !== APOS) throw fail(`value of attribute ${attr} in <${qname}> must be quoted`, p);
      const close = xml.indexOf(quote === QUOT ? '"' : "'", p + 1);
      if (close === -1) throw fail(`value of attribute ${attr} in <${qname}> is not closed`, p);
      const raw = xml.slice(p + 1, close);
      if (raw.includes('<')) throw fail(`'<' is not allowed in the value of attribute ${attr}`, p + 1 + raw.indexOf('<'));
      if (seen[attr]) throw fail(`attribute ${attr} appears twice in <${qname}>`, p);
      if (qnames.length >= MAX_ATTRIBUTES_PER_ELEMENT) {
        const { line, column } = lineAndColumn(xml, lt);
        throw new BodError('TOO_MANY_ATTRIBUTES', `element <${qname}> has more than ${MAX_ATTRIBUTES_PER_ELEMENT} attributes (line ${line}, column ${column})`, { path: stack.slice(0, 4).map((e) => e.local).join('/'), line, column });
      }
      seen[attr] = true;
      qnames.push(attr);
      values.push(raw.includes('&') ? decodeEntities(raw, p + 1) : raw);
      p = close + 1;
    }

    let elementScope = scope;
    for (let i = 0; i < qnames.length; i += 1) {
      const attr = qnames[i];
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
        if (elementScope === scope) elementScope = Object.create(scope) as Record<string, string>;
        elementScope[attr === 'xmlns' ? '' : attr.slice(6)] = values[i];
      }
    }
    const colon = qname.indexOf(':');
    let ns: string;
    if (colon === -1) ns = elementScope[''] ?? '';
    else {
      const bound = elementScope[qname.slice(0, colon)];
      if (bound === undefined) throw fail(`namespace prefix '${qname.slice(0, colon)}' of <${qname}> is not declared`, lt);
      ns = bound ?? '';
    }
    // Unprefixed attributes belong to their element. A prefixed one counts only when its prefix names the element's
    // own namespace; an attribute in a foreign namespace (`z:variationID` with z bound elsewhere) is someone else's
    // annotation and never stands in for, or overrides, the element's own attribute of that local name.
    const attrs = qnames.length === 0 ? NO_ATTRIBUTES : Object.create(null) as Record<string, string>;
    for (let i = 0; i < qnames.length; i += 1) {
      const attr = qnames[i];
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) continue;
      const attrColon = attr.indexOf(':');
      if (attrColon === -1) {
        attrs[attr] = values[i];
        continue;
      }
      const bound = elementScope[attr.slice(0, attrColon)];
      if (bound === undefined) throw fail(`namespace prefix '${attr.slice(0, attrColon)}' of attribute ${attr} is not declared`, lt);
      const local = attr.slice(attrColon + 1);
      if (bound === ns && !seen[local]) attrs[local] = values[i];
    }
    const element: XmlElement = { name: qname, local: colon === -1 ? qname : qname.slice(colon + 1), ns, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    if (!selfClosing) {
      stack.push(element);
      scopes.push(scope);
      scope = elementScope;
    }
    return p;
  };

  const endTag = (lt: number): number => {
    const nameEnd = scanName(lt + 2, 'element');
    const qname = xml.slice(lt + 2, nameEnd);
    const p = skipSpace(nameEnd);
    if (xml.charCodeAt(p) !== GT) throw fail(`end tag </${qname}> is not closed`, p);
    const top = stack[stack.length - 1];
    if (top === undefined) throw fail(`end tag </${qname}> has no matching start tag`, lt);
    else if (top.name !== qname) throw fail(`end tag </${qname}> does not match start tag <${top.name}>`, lt);
    stack.pop();
    scope = scopes.pop() ?? scope;
    return p + 1;
  };

  const markup = (lt: number): number => {
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) throw fail('comment is not closed', lt);
      return end + 3;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const top = stack[stack.length - 1];
      if (top === undefined) throw fail('CDATA section outside the root element', lt);
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) throw fail('CDATA section is not closed', lt);
      if (top) top.text += xml.slice(lt + 9, end);
      return end + 3;
    }
    if (/^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i.test(xml.slice(lt, lt + 10))) {
      throw new BodError('DTD_FORBIDDEN', 'DTDs and entity declarations are not accepted in BODs', lineAndColumn(xml, lt));
    }
    throw fail("unexpected markup after '<!' (expected a comment or a CDATA section)", lt);
  };

  const instruction = (lt: number): number => {
    const nameEnd = scanName(lt + 2, 'processing instruction');
    const target = xml.slice(lt + 2, nameEnd);
    const end = xml.indexOf('?>', nameEnd);
    if (end === -1) throw fail(`processing instruction <?${target} is not closed`, lt);
    if (target.toLowerCase() === 'xml') {
      if (lt !== 0) throw fail('the XML declaration must be at the very start of the document', lt);
      if (!/^\s+version\s*=\s*["']1\.[0-9]+["']/.test(xml.slice(nameEnd, end))) throw fail('the XML declaration has no version', lt);
    }
    return end + 2;
  };

  while (pos < len) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? len : lt;
    if (textEnd > pos) text(pos, textEnd);
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) pos = endTag(lt);
    else if (next === BANG) pos = markup(lt);
    else if (next === QUESTION) pos = instruction(lt);
    else pos = startTag(lt);
  }

  const open = stack[stack.length - 1];
  if (open) throw fail(`the document ends inside <${open.name}> (truncated?)`, len);
  if (!root) throw fail(len === 0 || xml.trim() === '' ? 'the document is empty' : 'the document has no root element', len);
  return root;
}
