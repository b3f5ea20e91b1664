// One seeded pseudo-random source for everything that must replay: the tax and screening order
// generators, the fuzzing harness, property tests and benchmarks. The same seed gives the same
// numbers on every machine, so a failing case can be replayed from its seed.

/** mulberry32: a small, fast 32-bit PRNG returning floats in [0, 1). For test data; never for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
