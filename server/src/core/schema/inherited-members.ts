// A read-only map of an entity type's own members over its parents', looked up without copying (deep inheritance chains stay linear).

/**
 * Own entries first, then each parent's (depth first, in base order), then `fallback` (what every entity type has).
 * Lookups walk the chain iteratively; the flattened view is built once, on first iteration.
 */
export class InheritedMembers<T> implements ReadonlyMap<string, T> {
  readonly own = new Map<string, T>();
  private flat?: Map<string, T>;

  constructor(
    private readonly parents: readonly InheritedMembers<T>[] = [],
    private readonly fallback?: ReadonlyMap<string, T>,
  ) {}

  /** The chain in lookup order, each map once (a diamond or a loop does not repeat it). */
  private *chain(): Generator<InheritedMembers<T>> {
    const seen = new Set<InheritedMembers<T>>();
    const stack: InheritedMembers<T>[] = [this];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      yield next;
      for (let i = next.parents.length - 1; i >= 0; i--) stack.push(next.parents[i]);
    }
  }

  get(name: string): T | undefined {
    if (this.flat) return this.flat.get(name);
    for (const members of this.chain()) {
      const found = members.own.get(name);
      if (found !== undefined) return found;
    }
    return this.fallback?.get(name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /**
   * Own entries over the parents' flattened ones (each parent flattened once, iteratively: a 10,000-deep chain neither
   * overflows nor goes quadratic when the classes add nothing; a class adding nothing shares its parent's map).
   */
  private flattened(): Map<string, T> {
    if (this.flat) return this.flat;
    const stack: { members: InheritedMembers<T>; expanded: boolean }[] = [{ members: this, expanded: false }];
    const visiting = new Set<InheritedMembers<T>>();
    while (stack.length) {
      const top = stack[stack.length - 1];
      const { members } = top;
      if (members.flat) {
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        top.expanded = true;
        visiting.add(members);
        for (const parent of members.parents) if (!parent.flat && !visiting.has(parent)) stack.push({ members: parent, expanded: false });
        continue;
      }
      stack.pop();
      const parentsFlat = members.parents.filter((p) => p.flat).map((p) => p.flat!);
      if (members.own.size === 0 && parentsFlat.length === 1 && members.parents.length === 1 && (!members.fallback || members.fallback === members.parents[0].fallback)) {
        members.flat = parentsFlat[0];
        continue;
      }
      const flat = new Map<string, T>(members.own);
      for (const parentFlat of parentsFlat) for (const [name, value] of parentFlat) if (!flat.has(name)) flat.set(name, value);
      for (const [name, value] of members.fallback ?? []) if (!flat.has(name)) flat.set(name, value);
      members.flat = flat;
    }
    return this.flat!;
  }

  /** Called when the schema is complete: later additions (add_relation) must be seen, so nothing is flattened before. */
  get size(): number {
    return this.flattened().size;
  }

  keys() {
    return this.flattened().keys();
  }

  values() {
    return this.flattened().values();
  }

  entries() {
    return this.flattened().entries();
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void): void {
    for (const [key, value] of this.flattened()) callback(value, key, this);
  }

  [Symbol.iterator]() {
    return this.flattened()[Symbol.iterator]();
  }
}
