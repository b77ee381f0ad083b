import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Attachment } from '@shared/schemas';

/**
 * The "Anlagen:" list of an imported Word file, per new Vorlage, for this session: the Anlagen
 * panel offers these titles when the files are added (issue 15.12). Not stored in the core: the
 * list only helps with the first adding of files right after the import.
 */
export const useAnlagenAusWordStore = defineStore('anlagenAusWord', () => {
  const byPaper = ref(new Map<number, string[]>());

  function remember(paperId: number, titles: string[]) {
    const listed = titles.map((t) => t.trim()).filter(Boolean);
    const next = new Map(byPaper.value);
    if (listed.length) next.set(paperId, listed);
    else next.delete(paperId);
    byPaper.value = next;
  }

  function titles(paperId: number | null): string[] {
    return paperId === null ? [] : (byPaper.value.get(paperId) ?? []);
  }

  /**
   * The listed titles no Anlage carries yet, in list order. A title listed twice needs two
   * Anlagen of that title; case and surrounding spaces do not matter.
   */
  function missing(paperId: number | null, attachments: readonly Pick<Attachment, 'title'>[]): string[] {
    const used = new Map<string, number>();
    for (const a of attachments) used.set(key(a.title), (used.get(key(a.title)) ?? 0) + 1);
    return titles(paperId).filter((title) => {
      const left = used.get(key(title)) ?? 0;
      if (left === 0) return true;
      used.set(key(title), left - 1);
      return false;
    });
  }

  return { byPaper, remember, titles, missing };
});

const key = (title: string) => title.trim().toLocaleLowerCase('de');
