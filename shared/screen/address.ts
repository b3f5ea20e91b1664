// Address matching for the watch list and for counting identities per address. Merchants export
// the same address in many spellings (full-width digits, spaces, "#", "号" punctuation), so both
// sides are normalised before comparison. What this does not do: resolve synonyms (路/路口),
// Chinese numerals (三号 vs 3号) or geocode; an address written differently enough will not match.

const SEPARATORS = /[\s\p{P}\p{S}]+/gu;
/** Anything but common CJK ideographs, a-z and 0-9 may need normalising. */
const NOT_PLAIN = /[^\u4e00-\u9fffa-z0-9]/;

/** NFKC (full-width → ASCII), lower case, then drop whitespace, punctuation and symbols. */
export function normaliseAddress(address: string): string {
  // Fast path (most addresses): NFKC and the Unicode-property regex cost 25 times more than this
  // test, and leave a string of ideographs and lower-case ASCII letters and digits unchanged.
  if (!NOT_PLAIN.test(address)) return address;
  return address.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}

/**
 * A merchant's list of watched addresses. An entry matches the same address and every address
 * that starts with it (a listed building covers its rooms). Entries shorter than
 * MIN_ENTRY_LENGTH characters after normalisation are refused: "北京市" would match a city.
 */
export class AddressWatchlist {
  static readonly MIN_ENTRY_LENGTH = 6;
  private readonly entries = new Set<string>();
  private readonly lengths: number[] = [];

  constructor(addresses: Iterable<string>) {
    const lengths = new Set<number>();
    for (const a of addresses) {
      const n = normaliseAddress(a);
      if (n.length < AddressWatchlist.MIN_ENTRY_LENGTH) continue;
      this.entries.add(n);
      lengths.add(n.length);
    }
    this.lengths = [...lengths].toSorted((a, b) => a - b);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Addresses skipped for being too short to be specific, so the CLI can say so. */
  static tooShort(addresses: Iterable<string>): string[] {
    return [...addresses].filter((a) => normaliseAddress(a).length < AddressWatchlist.MIN_ENTRY_LENGTH);
  }

  /** `normalised` must come from normaliseAddress. */
  matches(normalised: string): boolean {
    for (const len of this.lengths) {
      if (len > normalised.length) return false;
      if (this.entries.has(len === normalised.length ? normalised : normalised.slice(0, len))) return true;
    }
    return false;
  }
}
