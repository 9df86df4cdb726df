/** Path-aware navigation over a parsed BOD: elements by local name in the BOD's namespace, with the element path for errors. */
import { BodError } from './bod-error';
import type { XmlElement } from './xml-tree';

export class BodNode {
  constructor(
    readonly element: XmlElement,
    /** Local-name path from the root, e.g. `SyncShipment/DataArea/Shipment/ShipmentItem[2]`. */
    readonly path: string,
    /** The BOD's namespace: elements in any other namespace are foreign and never matched. */
    private readonly ns: string,
  ) {}

  get name(): string {
    return this.element.local;
  }

  /** First child element with that local name. */
  child(name: string): BodNode | undefined {
    for (const el of this.element.children) {
      if (el.local === name && el.ns === this.ns) return new BodNode(el, `${this.path}/${name}`, this.ns);
    }
    return undefined;
  }

  /** All children with that local name; paths carry a 1-based index when there is more than one. */
  children(name: string): BodNode[] {
    const matches = this.element.children.filter((el) => el.local === name && el.ns === this.ns);
    if (matches.length === 1) return [new BodNode(matches[0], `${this.path}/${name}`, this.ns)];
    return matches.map((el, i) => new BodNode(el, `${this.path}/${name}[${i + 1}]`, this.ns));
  }

  /** Descends through first children: `find('ShipmentHeader', 'DocumentID', 'ID')`. */
  find(...names: string[]): BodNode | undefined {
    return names.reduce<BodNode | undefined>((node, name) => node?.child(name), this);
  }

  /** The element's own text, trimmed, line ends normalised (XML 1.0 §2.11). */
  text(): string {
    const raw = this.element.text;
    const trimmed = raw.trim();
    return trimmed.includes('\r') ? trimmed.replace(/\r\n?/g, '\n') : trimmed;
  }

  attr(name: string): string | undefined {
    return this.element.attrs[name];
  }

  /** Text of the descendant, or null when it is absent or empty. */
  textOf(...names: string[]): string | null {
    const node = this.find(...names);
    if (node === undefined) return null;
    const value = node.text();
    return value === '' ? null : value;
  }

  /** Text of a required descendant; absent or empty is MISSING_ELEMENT naming its full path. */
  requiredText(...names: string[]): string {
    const value = this.textOf(...names);
    if (value === null) throw missing(`${this.path}/${names.join('/')}`);
    return value;
  }
}

export function missing(path: string): BodError {
  return new BodError('MISSING_ELEMENT', `required element ${path} is missing or empty`, { path });
}
