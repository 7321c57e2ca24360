import { describe, expect, it } from 'vitest';
import { nameWords } from './text';
import { Vocabulary } from './vocabulary';

describe('Vocabulary.near', () => {
  const vocabulary = new Vocabulary();
  vocabulary.add(['payments', 'checkout', 'ledger', 'ledgers', 'api']);

  it('finds a word with one letter changed, missing or added, or two neighbours swapped', () => {
    expect(vocabulary.near('paymants')).toEqual(['payments']);
    expect(vocabulary.near('paments')).toEqual(['payments']);
    expect(vocabulary.near('paymentss')).toEqual(['payments']);
    expect(vocabulary.near('paymnets')).toEqual(['payments']);
    expect(vocabulary.near('checkuot')).toEqual(['checkout']);
    // Two swaps, or letters swapped across a gap, are more than one typo.
    expect(vocabulary.near('pyamnets')).toEqual([]);
    expect(vocabulary.near('chuckeot')).toEqual([]);
  });

  it('returns every word within one edit and never the query itself', () => {
    expect(vocabulary.near('ledger')).toEqual(['ledgers']);
    expect(vocabulary.near('ledgerx')).toEqual(['ledger', 'ledgers']);
  });

  it('ignores words too short to correct', () => {
    expect(vocabulary.near('apo')).toEqual([]);
    expect(vocabulary.has('api')).toBe(false);
  });
});

describe('nameWords', () => {
  it('splits kebab, snake and camel case', () => {
    expect(nameWords('payments-api')).toEqual(['payments', 'api']);
    expect(nameWords('paymentsApi')).toEqual(['payments', 'api']);
    expect(nameWords('order_history_DB')).toEqual(['order', 'history', 'db']);
    expect(nameWords('HTTPServer')).toEqual(['http', 'server']);
  });
});
