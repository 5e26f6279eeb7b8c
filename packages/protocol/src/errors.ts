import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES, type ErrorBody } from './constants.js';

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(ERROR_CODES.map((code) => Type.Literal(code))),
      message: Type.String(),
      /** Present on `validation_failed`: which field, and why. */
      details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'ErrorBody' },
);

/** The schema and the hand-written interface describe one shape; this fails to compile if they drift. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const errorBodyMatchesSchema: Same<Static<typeof ErrorBodySchema>, ErrorBody> = true;
