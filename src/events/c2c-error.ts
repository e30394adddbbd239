import type { C2cError, C2cErrorCode } from '../shared/errors.js';
import { C2cEvent } from './c2c-event.js';

export interface C2cErrorDetail {
  code: C2cErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
}

/** The attempt failed; `message` is for developers, visitors read `strings.errors[code]`. */
export class C2cErrorEvent extends C2cEvent<C2cErrorDetail> {
  static readonly type = 'c2c-error';
  declare readonly code: C2cErrorCode;
  declare readonly message: string;
  declare readonly retryable: boolean;
  declare readonly status?: number;
  constructor(error: C2cError) {
    super(C2cErrorEvent.type, error.toJSON());
  }
}

declare global {
  interface HTMLElementEventMap {
    'c2c-error': C2cErrorEvent;
  }
}
