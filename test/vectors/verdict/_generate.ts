// Regenerates the verdict vectors: `npx tsx test/vectors/verdict/_generate.ts`.
// One JSON file per scenario of test/unit/verdict/scenarios.ts, frozen with the keys of one run:
// the payload, the trust bundle and its pinned roots, the receipts, the clock, and the expected
// status and reason codes. The runner (test/unit/verdict/vectors.test.ts) re-verifies each file,
// so a change in verdict logic that alters any outcome shows up as a vector failure.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { at, makeWorld, SCENARIOS } from '../../unit/verdict/scenarios.ts';

const dir = fileURLToPath(new URL('./', import.meta.url));
const world = await makeWorld();
await mkdir(dir, { recursive: true });
for (const f of await readdir(dir)) if (f.endsWith('.json')) await rm(`${dir}${f}`);
for (const scenario of SCENARIOS) {
  const input = await scenario.build(world);
  const vector = {
    description: scenario.description,
    check: input.check ?? 'credential',
    payload: input.payload,
    bundle: world.bundle,
    roots: world.roots,
    receipts: input.receipts ?? [],
    now: input.now ?? at(0),
    ...(input.lastVerifiedAt && { lastVerifiedAt: input.lastVerifiedAt }),
    ...(input.lastSeenSignedAt && { lastSeenSignedAt: input.lastSeenSignedAt }),
    ...(input.owner && { owner: input.owner }),
    ...(input.page && { page: input.page }),
    ...(input.origin && { origin: input.origin }),
    ...(input.labelWaybill && { labelWaybill: input.labelWaybill }),
    expected: { status: scenario.status, reasons: scenario.codes },
  };
  await writeFile(`${dir}${scenario.name}.json`, `${JSON.stringify(vector, null, 2)}\n`);
}
console.log(`${SCENARIOS.length} vectors written to ${dir}`);
