// A Map that starts again when full: for caches where forgetting only costs computing again.
import { ownText } from './own-text';

export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  /** Adds or replaces an entry; a new key in a full map first empties it. */
  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

/** One own copy (own-text.ts) per distinct text, so that every holder of the text shares one string object. */
export class TextInterner {
  private readonly texts: BoundedMap<string, string>;

  constructor(limit: number) {
    this.texts = new BoundedMap(limit);
  }

  intern(text: string): string {
    let own = this.texts.get(text);
    if (own === undefined) this.texts.set((own = ownText(text)), own);
    return own;
  }
}
