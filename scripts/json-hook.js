// @ts-check
/**
 * A module hook for @actions/workflow-parser: it imports its JSON schemas without
 * `with { type: 'json' }`, which Node refuses. This resolves any .json import as JSON.
 * Registered by scripts/validate.js through module.register.
 */

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  if (!resolved.url.endsWith('.json')) return resolved
  return {
    ...resolved,
    format: 'json',
    importAttributes: { ...context.importAttributes, type: 'json' }
  }
}
