import { Type } from "@sinclair/typebox";

/** The body of every API error: a stable code, a message in the caller's language, field details. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
  }),
});

/** A calendar date as the API writes it. */
export const PlainDateString = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
