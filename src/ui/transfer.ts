// Copy and download, all in the page: no request leaves it.

/** Copies text; resolves false when the clipboard is unavailable (insecure context, denied permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const downloadText = (name: string, text: string) =>
  downloadBlob(name, new Blob([text], { type: 'text/plain;charset=utf-8' }))
