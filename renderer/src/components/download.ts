/**
 * Hands text to the user as a file: the browser saves it to its downloads, the desktop app asks where
 * (Electron's default for a download it is not told a path for).
 */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file over: revoked at once, some browsers save nothing.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
