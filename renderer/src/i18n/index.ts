import { createI18n } from 'vue-i18n';
import beschlusskontrolle from './de/beschlusskontrolle.json';
import common from './de/common.json';
import einstellungen from './de/einstellungen.json';
import freigabe from './de/freigabe.json';
import gremien from './de/gremien.json';
import niederschrift from './de/niederschrift.json';
import uebersicht from './de/uebersicht.json';
import vorlagen from './de/vorlagen.json';

/**
 * German only. One file per area so engineers working on different views never edit the same
 * file; keys are namespaced by file: t('vorlagen.liste.titel').
 */
export const messages = { de: { common, uebersicht, vorlagen, gremien, einstellungen, niederschrift, freigabe, beschlusskontrolle } };

export function createAppI18n() {
  return createI18n({
    legacy: false,
    locale: 'de',
    fallbackLocale: 'de',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  });
}
