/** What is wrong with a field, read out with it (aria-describedby) and shown under it. */
export function FieldProblem({ id, problem }: { id: string; problem?: string }) {
  return (
    <span id={id} className="problem" role={problem ? "alert" : undefined}>
      {problem ?? ""}
    </span>
  );
}
