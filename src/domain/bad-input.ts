/**
 * Arguments that are wrong in a way only the data or a limit can tell (an identifier naming two
 * payments, a page too large, a cursor this API never handed out): the request is refused as the
 * caller's mistake. A plain error here; the GraphQL layer answers it BAD_USER_INPUT.
 */
export class BadInputError extends Error {
  constructor(
    message: string,
    /** The argument at fault, when there is one. */
    readonly argumentName?: string,
    /** The largest value the argument takes, when that is the rule broken. */
    readonly max?: number,
  ) {
    super(message);
    this.name = "BadInputError";
  }
}
