/** A file the user chose or dropped, read for the API (base64, as anlagen.add expects). */
export interface ChosenFile {
  fileName: string;
  size: number;
  dataBase64: string;
}

/** Reads a dropped File; the browser hands dropped files to the page, no dialog involved. */
export function readDroppedFile(file: File): Promise<ChosenFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ fileName: file.name, size: file.size, dataBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  });
}

/** "Kennzahlen-Case-Management.pdf" → "Kennzahlen Case Management": a first title for an Anlage. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return base || name;
}
