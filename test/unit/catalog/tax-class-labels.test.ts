import { describe, expect, it } from 'vitest';
import { TAX_CLASS_IDS, TAX_CLASS_LABELS, isTaxClassId, taxClassLabel } from '../../../shared/catalog/index.ts';

describe('tax class labels', () => {
  it.each(TAX_CLASS_IDS.map((id) => [id]))('%s has a zh and an en label and hint', (id) => {
    const label = TAX_CLASS_LABELS[id];
    expect(label['zh-CN']).toMatch(/\p{Script=Han}/u);
    expect(label.en).toMatch(/^[A-Z]/);
    expect(label.hint['zh-CN']).toMatch(/。$/);
    expect(label.hint.en).toMatch(/\.$/);
    expect(taxClassLabel(id, 'zh-CN')).toBe(label['zh-CN']);
  });

  it('labels exactly the known ids', () => {
    expect(Object.keys(TAX_CLASS_LABELS).toSorted()).toEqual([...TAX_CLASS_IDS].toSorted());
  });

  it.each([
    ['cosmetics', true],
    ['Cosmetics', false],
    ['', false],
    [undefined, false],
  ])('isTaxClassId(%s) = %s', (value, expected) => {
    expect(isTaxClassId(value)).toBe(expected);
  });
});
