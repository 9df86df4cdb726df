/** Where a shared token bucket lives: one record per seller × operation, changed only with optimistic concurrency (ETag / If-Match). */

export interface BucketState {
  /** Tokens in the bucket at `updatedAt` (fractional; may be 0 after a 429). */
  tokens: number;
  /** Epoch milliseconds of the last change, on the writer's clock. */
  updatedAt: number;
  /** Restore rate before any slowdown: the documented or `x-amzn-RateLimit-Limit` rate times our headroom factor. */
  nominalRate: number;
  /** 0.5…1: multiplied into the rate; a 429 lowers it, successful calls raise it back (additive increase). */
  slowdown: number;
  burst: number;
}

export interface BucketRecord {
  state: BucketState;
  etag: string;
}

export interface BucketStore {
  read(id: string): Promise<BucketRecord | undefined>;
  /** Creates the record; undefined when another instance created it first. */
  create(id: string, state: BucketState): Promise<string | undefined>;
  /** Replaces the record if it is still at `etag`; the new etag, or undefined when someone else changed it meanwhile. */
  replace(id: string, state: BucketState, etag: string): Promise<string | undefined>;
}

/** A single-process store with the same conditional semantics (tests, CLI tools without storage). */
export class InMemoryBucketStore implements BucketStore {
  private readonly records = new Map<string, BucketRecord>();
  private version = 0;
  /** Reads and writes made, for tests and benchmarks counting storage operations. */
  operations = 0;

  async read(id: string): Promise<BucketRecord | undefined> {
    this.operations += 1;
    const record = this.records.get(id);
    return record ? { state: { ...record.state }, etag: record.etag } : undefined;
  }

  async create(id: string, state: BucketState): Promise<string | undefined> {
    this.operations += 1;
    if (this.records.has(id)) return undefined;
    const etag = this.nextEtag();
    this.records.set(id, { state: { ...state }, etag });
    return etag;
  }

  async replace(id: string, state: BucketState, etag: string): Promise<string | undefined> {
    this.operations += 1;
    const current = this.records.get(id);
    if (!current || current.etag !== etag) return undefined;
    const next = this.nextEtag();
    this.records.set(id, { state: { ...state }, etag: next });
    return next;
  }

  private nextEtag(): string {
    this.version += 1;
    return `W/"${this.version}"`;
  }
}
