import type { Command } from '../command.js';
import { beratungCommands } from './beratung.js';
import { datenCommands } from './daten.js';
import { dokumenteCommands } from './dokumente.js';
import { freigabeCommands } from './freigabe.js';
import { gremienCommands } from './gremien.js';
import { niederschriftCommands } from './niederschrift.js';
import { oparlCommands } from './oparl.js';
import { pdfExportCommands } from './pdf-export.js';
import { userCommands } from './users.js';
import { vorlagenCommands } from './vorlagen.js';

/** Every CLI command; feature files add theirs here. */
export const commands: Command[] = [...datenCommands, ...gremienCommands, ...vorlagenCommands, ...dokumenteCommands, ...pdfExportCommands, ...beratungCommands, ...oparlCommands, ...niederschriftCommands, ...freigabeCommands, ...userCommands];
