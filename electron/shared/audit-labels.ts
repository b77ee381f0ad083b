/**
 * What an audit event means, in the words shown to users (CLI, UI). The actions themselves stay
 * stable keys in the database; a test checks that every action the core records has a label.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'vorlage.erstellt': 'Vorlage angelegt',
  'vorlage.fortgeschrieben': 'Vorlage fortgeschrieben',
  'vorlage.importiert': 'Vorlage aus Word importiert',
  'vorlage.geloescht': 'Vorlage gelöscht',
  'vorlage.nichtoeffentlich': 'auf nichtöffentlich gestellt',
  'vorlage.weitergeleitet': 'an ein weiteres Gremium weitergeleitet',
  'anlage.hinzugefuegt': 'Anlage hinzugefügt',
  'anlage.entfernt': 'Anlage entfernt',
  'beratung.hinzugefuegt': 'Beratung hinzugefügt',
  'beratung.geaendert': 'Beratung geändert',
  'beratung.entfernt': 'Beratung entfernt',
  'beratung.umsortiert': 'Beratungsfolge umsortiert',
  'ergebnis.erfasst': 'Beratungsergebnis erfasst',
  'sitzung.angelegt': 'Sitzung angelegt',
  'sitzung.geloescht': 'Sitzung gelöscht',
  'hausvorlage.hinterlegt': 'Hausvorlage hinterlegt',
  'hausvorlage.entfernt': 'Hausvorlage entfernt',
  'sicherung.erstellt': 'Sicherung erstellt',
  'sicherung.wiederhergestellt': 'Sicherung wiederhergestellt',
  'suche.neu_aufgebaut': 'Suchindex neu aufgebaut',
  export: 'exportiert',
  import: 'Bundle importiert',
};

export const auditActionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? 'sonstiges Ereignis';
