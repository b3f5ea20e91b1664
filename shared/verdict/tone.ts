// One tone per status, for every surface (PWA, extension, badge): the colour family a verdict is
// drawn in. Green is reserved for the one statement that includes the person — a genuine parcel
// confirmed as the consumer's own order (`genuine-yours`). A genuine credential that says nothing
// about the consumer (a parcel not linked to a receipt, a verified listing, a receipt, a brand
// authorization) is neutral: true, but not "yours". Surfaces MUST NOT draw any other status green.
import type { VerdictStatus } from './reasons.ts';

export type Tone = 'green' | 'neutral' | 'warning' | 'bad';

export const STATUS_TONES: Readonly<Record<VerdictStatus, Tone>> = {
  'genuine-yours': 'green',
  'genuine-unbound': 'neutral',
  genuine: 'neutral',
  // Not the issuer's fault and not a finding against it: the device must be fixed first.
  'check-clock': 'warning',
  'check-trust-data': 'warning',
  'not-yours': 'bad',
  'not-authorized': 'bad',
  'unknown-issuer': 'bad',
  revoked: 'bad',
  expired: 'bad',
  invalid: 'bad',
};

/** The tone of a status, or of a verdict (its status). */
export function toneOf(subject: VerdictStatus | { status: VerdictStatus }): Tone {
  return STATUS_TONES[typeof subject === 'string' ? subject : subject.status];
}
