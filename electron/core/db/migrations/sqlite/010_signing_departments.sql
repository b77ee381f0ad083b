-- Team mode: whose Amtsleitung signs the Mitzeichnung steps Dezernat, Kämmerei and Rechtsamt for
-- every Amt (JSON object step → department id; a step without an entry is signed in the Vorlage's Amt).
ALTER TABLE freigabe_config ADD COLUMN signing_departments TEXT NOT NULL DEFAULT '{}';
