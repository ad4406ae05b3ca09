/**
 * Saves a file through the browser's download, only ever on an explicit action (the file lands on
 * this computer). The blob URL is revoked as soon as the download has started, so nothing keeps it.
 */
export function saveFile(file: string, content: Blob): string {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return file;
}
