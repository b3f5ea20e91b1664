// A CBOR tag (RFC 8949 §3.4) kept as data: the tag number and the item it wraps, never
// interpreted (no Date, URL, bignum...). Our own class rather than cbor2's `Tag`, so the browser
// bundles (app, badge, extension) do not pull in cbor2 (~40 kB minified) for one constructor;
// cbor2 stays the oracle of the tests and the fuzz harness. `toCBOR` is the hook cbor2's encoder
// calls on unknown objects, so the oracle encodes one of these as the same tag.
export class CborTag {
  constructor(
    readonly tag: number | bigint,
    readonly contents: unknown,
  ) {}

  toCBOR(): [number | bigint, unknown] {
    return [this.tag, this.contents];
  }
}
