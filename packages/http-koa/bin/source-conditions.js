// A module resolve hook: workspace packages resolve to their TypeScript sources (the "@glimpse/source" export
// condition), as the tests and benchmarks do with --conditions.
export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('@glimpse/source')
    ? context.conditions
    : ['@glimpse/source', ...context.conditions];
  return next(specifier, { ...context, conditions });
}
