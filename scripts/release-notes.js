// @ts-check
/**
 * Checks that a version can be released and prints its notes: the version is X.Y.Z, package.json
 * (the one place the version is written) says the same, and CHANGELOG.md has its section, which is printed (the
 * release workflow makes it the GitHub release's notes).
 *
 *   node scripts/release-notes.js 1.0.0 > notes.md
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/**
 * The notes for `version`, or why it cannot be released.
 * @param {string} version
 * @param {{ changelog: string, packageVersion: string }} project
 * @returns {{ ok: true, notes: string } | { ok: false, problem: string }}
 */
export function releaseNotes(version, project) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    return { ok: false, problem: `"${version}" is not a version like 1.2.3.` }
  }
  if (project.packageVersion !== version) {
    return {
      ok: false,
      problem: `package.json says ${project.packageVersion}, not ${version}: bump it (see CONTRIBUTING.md, Releasing).`
    }
  }
  const lines = project.changelog.split('\n')
  const start = lines.findIndex(line => line.startsWith(`## [${version}]`))
  if (start < 0) {
    return { ok: false, problem: `CHANGELOG.md has no "## [${version}]" section.` }
  }
  const end = lines.findIndex((line, at) => at > start && /^## |^\[[^\]]+\]: /.test(line))
  const notes = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  if (notes === '') return { ok: false, problem: `CHANGELOG.md's ${version} section is empty.` }
  return { ok: true, notes }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const read = (/** @type {string} */ path) =>
    readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
  const result = releaseNotes(process.argv[2] ?? '', {
    changelog: read('CHANGELOG.md'),
    packageVersion: JSON.parse(read('package.json')).version
  })
  if (result.ok) console.log(result.notes)
  else {
    console.error(result.problem)
    process.exitCode = 1
  }
}
