/**
 * The job summary as GitHub renders it: micromark with the GFM extension, which implements
 * GitHub's tables, strikethrough and autolink literals (bare URLs, `www.` names, e-mail
 * addresses). HTML is let through, as GitHub lets through what its sanitiser keeps.
 */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
}

/** The HTML with what is inside code (spans and blocks) left out. */
export const outsideCode = (html: string): string =>
  html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '<code></code>')

/** The elements a reader sees, in order, code emptied: what shapes the page. */
export const shape = (html: string): string[] =>
  [...outsideCode(html).matchAll(/<\/?([a-z][a-z0-9]*)/g)].map(match => match[0])

/** Every link's target. */
const links = (html: string): string[] =>
  [...html.matchAll(/<a href="([^"]*)"/g)].map(match => match[1] ?? '')

/** The only links the action writes: a number's page in Wassenger's console, and the API's base. */
const OWN_LINK =
  /^(https:\/\/app\.wassenger\.com\/[0-9a-f]{24}\/scan|https:\/\/api\.wassenger\.com\/v1)$/

/** The elements the action's own summary is made of. */
const OWN_ELEMENTS = new Set(
  'h1 h2 p table thead tbody tr th td code pre strong em a details summary'.split(' ')
)

/**
 * What in a rendered summary did not come from the action: a link it does not write, an element
 * it does not use. Checked for every summary the in-process runs produce.
 */
export function strangers(markdown: string): string[] {
  const html = renderGfm(markdown)
  const found = links(html).filter(href => !OWN_LINK.test(href))
  for (const [, name] of outsideCode(html).matchAll(/<([a-z][a-z0-9]*)/g)) {
    if (name && !OWN_ELEMENTS.has(name)) found.push(`<${name}>`)
  }
  return found
}
