/**
 * The rows of an `UPDATE … RETURNING` run through `DataSource.query`: TypeORM's postgres driver
 * answers `[rows, affectedCount]` for UPDATE and DELETE, and the rows alone for the rest.
 */
export function returnedRows<T>(result: unknown): T[] {
  const answer = result as unknown[];
  return (Array.isArray(answer[0]) ? answer[0] : answer) as T[];
}
