import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'

/**
 * A stack trace with each frame in `bundle` named by its place in src/, read from the source map
 * committed beside the bundle. Only an internal error pays for it: no source map is loaded at
 * start-up. Without a readable map (the sources run as they are) the trace is returned as is.
 */
export function sourceMapped(stack: string, bundle: string): string {
  let map: SourceMap
  try {
    // Stryker disable next-line StringLiteral: without an encoding JSON.parse reads the Buffer the same
    map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')))
  } catch {
    return stack
  }
  const frame = new RegExp(`(?:file://)?${escapeRegExp(bundle)}:(\\d+):(\\d+)`, 'g')
  return stack.replace(frame, (whole, line: string, column: string) => {
    // Stack traces count from 1, source maps from 0.
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1)
    if (!('originalSource' in entry)) return whole
    const source = entry.originalSource.replace(/^(?:\.\.?\/)+/, '')
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`
  })
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
