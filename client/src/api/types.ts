/**
 * Names for the API's shapes, taken from the types generated out of the
 * server's OpenAPI document (schema.d.ts, `npm run gen:api-types`), so a change
 * on the server shows up here as a type error instead of a surprise at runtime.
 */
import type { operations } from './schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON an operation (by its operationId) answers with, for a status it documents. */
export type ApiResponse<Op extends keyof operations, Status extends keyof operations[Op]['responses'] = 200 & keyof operations[Op]['responses']> = Json<
  operations[Op]['responses'][Status]
>;

/** The JSON body an operation takes. */
export type ApiBody<Op extends keyof operations> = operations[Op] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** Every error answer: `{ error: { code, message, details, requestId } }`. */
export type ApiErrorBody = Json<operations['auth.me']['responses']['default']>;

export type Session = ApiResponse<'auth.me'>;
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];
export type PostcodeLookup = ApiResponse<'postcodes.lookup'>;
/** A crew skill a category can need. */
export type Skill = NonNullable<ApiBody<'categories.create'>['requiredSkill']>;
