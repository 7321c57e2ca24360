/**
 * Business errors. Routes and services throw these; one handler in core/http
 * maps them to HTTP by `name` (not instanceof, so errors crossing module
 * copies still map). The wire shape is Backstage's: `{ error: { name, message } }`.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}
export class NotAllowedError extends Error {
  override readonly name = 'NotAllowedError';
}
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}
/** Input was well-formed but too large to accept. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}
/** A remote source could not be read (timeout, refused, bad status). Not the caller's fault. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
}

export const statusByErrorName: Readonly<Record<string, number>> = {
  InputError: 400,
  ValidationError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  PayloadTooLargeError: 413,
  TooManyRequestsError: 429,
};
