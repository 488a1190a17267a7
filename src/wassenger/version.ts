// package.json is the one place the version is written; the bundle carries what it says.
import project from '../../package.json' with { type: 'json' }

/** Sent in the User-Agent header: the action's name and version. */
export const USER_AGENT = `${project.name}/${project.version}`
