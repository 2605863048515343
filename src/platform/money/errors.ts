import { AppError } from '../errors';
import type { CurrencyCode } from './currencies';

/**
 * Two amounts in different currencies met in one operation (adding USD to EUR, comparing them, allocating
 * into the wrong ledger). That is a bug in the calling code, not bad input: convert one side first.
 */
export class CurrencyMismatchError extends Error {
  readonly operation: string;
  readonly left: CurrencyCode;
  readonly right: CurrencyCode;

  constructor(operation: string, left: CurrencyCode, right: CurrencyCode) {
    super(
      `Cannot ${operation} ${left} and ${right}: amounts in different currencies must be converted first`,
    );
    this.name = 'CurrencyMismatchError';
    this.operation = operation;
    this.left = left;
    this.right = right;
  }
}

/**
 * A value that people or other systems type (an amount, a rate, a currency code) is not usable. It is an
 * AppError('VALIDATION'), so a service that hands such text straight to the money helper still answers 400
 * with this message instead of 500.
 */
export function invalidMoneyInput(message: string): AppError {
  return new AppError('VALIDATION', message);
}
