/**
 * The `numbers` action's wiring: read and check its inputs, list the account's numbers, report.
 * It shares the main action's edges, checks, hiding and words.
 */
import { readNumbersInputs } from '../inputs/inputs.js'
import { guardedRunner, internalError, openEdges, type Edges } from '../main.js'
import { actionsIO, type ActionIO } from '../report/io.js'
import { listNumbers, type NumbersResult } from './list.js'
import { reportNumbers } from './report.js'

/** Runs the `numbers` action. Never rejects. */
export async function runNumbers(
  runner: ActionIO = actionsIO(),
  makeEdges: typeof openEdges = openEdges
): Promise<NumbersResult | undefined> {
  const { redactor, shown, io, hide } = guardedRunner(runner)
  let edges: Edges | undefined
  try {
    const read = readNumbersInputs(name => runner.getInput(name))
    hide(read.hidden)
    let result: NumbersResult
    if (read.ok) {
      edges = makeEdges(io, redactor)
      result = await listNumbers(read.inputs, edges)
    } else {
      const failure = { kind: 'invalid-input', problems: read.problems } as const
      result = { host: '', timeoutMs: 0, numbers: [], listed: [], more: false, failure }
    }
    await reportNumbers(io, shown, result)
    return result
  } catch (error) {
    internalError(runner, io, error, true)
    return undefined
  } finally {
    edges?.close()
  }
}
