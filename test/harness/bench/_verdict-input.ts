// The verdict benchmark's texts, from the demo world: its trust bundle and roots, the consumer's
// receipts, and the parcel that is theirs ('parcel-serum-yours').
import { buildDemoWorld } from '../demo/world.ts';
import type { RootKey } from '../../../shared/trust/index.ts';
import type { VerdictCaseInput } from './_verdict-case.ts';

export async function verdictCaseInput(): Promise<VerdictCaseInput> {
  const world = await buildDemoWorld();
  const text = (path: string) => world.files.find((f) => f.path === path)!.content.trim();
  return {
    bundleText: text(world.index.bundle),
    roots: JSON.parse(text('trust/roots.json')) as RootKey[],
    receiptPayloads: world.files.filter((f) => f.path.startsWith('receipts/')).map((f) => f.content.trim()),
    parcel: text(world.index.credentials.find((c) => c.name === 'parcel-serum-yours')!.file),
    owner: world.index.owner,
  };
}
