// Comment text for generated scripts: no line breaks of its own making and no control or format
// characters (a right-to-left override could hide code in a review), so nothing can step out of a comment.
export function commentLines(text: string, indent = ''): string[] {
  return text
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === '\n' ? '\n' : ' '))
    .split('\n')
    .map((l) => (l.trim() === '' ? `${indent}#` : `${indent}# ${l}`))
}
