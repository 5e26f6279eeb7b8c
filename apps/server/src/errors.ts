import type { ErrorCode } from '@parley/protocol';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  account_deactivated: 403,
  invite_required: 403,
  invite_invalid: 400,
  forbidden_origin: 403,
  forbidden: 403,
  not_found: 404,
  username_taken: 409,
  room_name_taken: 409,
  already_member: 409,
  cannot_leave: 400,
  message_id_conflict: 409,
  invalid_emoji: 400,
  too_many_reactions: 409,
  reply_not_found: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};

/** A failure the client caused or must know about: it becomes an `ErrorBody` with this code. */
export class AppError extends Error {
  override name = 'AppError';
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Only where one code answers two situations, e.g. an invite that is missing (404) or unusable (400). */
    statusCode?: number,
  ) {
    super(message);
    this.statusCode = statusCode ?? STATUS[code];
  }
}
