import { describe, expect, it } from 'vitest';
import { handlerFor } from '../../../electron/core/api/handlers/index.js';
import { contract, type MethodName } from '../../../electron/shared/contract.js';

describe('handlers', () => {
  // They are loaded per feature on first use; a method paired with the wrong feature would only
  // fail when a user calls it.
  it('every method of the contract finds its handler', async () => {
    const methods = Object.keys(contract) as MethodName[];
    expect(methods.length).toBeGreaterThan(40);
    for (const method of methods) expect(typeof (await handlerFor(method)), method).toBe('function');
  });
});
