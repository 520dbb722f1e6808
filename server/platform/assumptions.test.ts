import { describe, expect, it } from 'vitest';
import { keptAssumptions } from './assumptions.ts';

describe('keptAssumptions', () => {
  const assumed = { name: 'Centrets fulde navn står ikke i notatet.', legal_basis: 'Antaget ud fra retsplejeloven' };

  it('drops the assumption of a field that changed and keeps the others', () => {
    expect(keptAssumptions(assumed, { name: 'CBE', legal_basis: ['§ 110'] }, { name: 'Center for Beskæftigelse', legal_basis: ['§ 110'] })).toEqual({ legal_basis: assumed.legal_basis });
  });

  it('keeps an assumption when the field is left as it was or not given', () => {
    expect(keptAssumptions(assumed, { name: 'CBE', legal_basis: ['§ 110'] }, { name: 'CBE' })).toEqual(assumed);
    expect(keptAssumptions({}, { name: 'CBE' }, { name: 'X' })).toEqual({});
  });
});
